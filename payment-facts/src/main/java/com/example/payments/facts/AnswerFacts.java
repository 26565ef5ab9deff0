package com.example.payments.facts;

/**
 * What Vipps' answer to one of our calls establishes: the fact, or that the answer alone
 * cannot say (the spec lets Vipps leave out everything but the orderId) and
 * {@code /details} must be read ({@link DetailsFacts}, with the command as pending).
 */
public sealed interface AnswerFacts {

	/**
	 * The answer establishes the fact.
	 *
	 * @param fact the fact, with the id every source computes
	 */
	record Known(PaymentFact fact) implements AnswerFacts {

	}

	/**
	 * The call was applied, but the answer leaves out what the fact needs: read
	 * {@code /details} and take the pending command's outcome from
	 * {@link DetailsReading#outcomeOf(String)}. Never a reason to repeat the call.
	 *
	 * @param reason what the answer did not say
	 */
	record NeedsDetails(String reason) implements AnswerFacts {

	}

}
