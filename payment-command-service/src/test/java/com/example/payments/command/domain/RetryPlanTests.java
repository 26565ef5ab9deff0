package com.example.payments.command.domain;

import java.time.Duration;

import com.example.payments.command.domain.RetryPlan.Move;
import com.example.payments.vipps.client.error.VippsNextStep;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link RetryPlan}.
 */
class RetryPlanTests {

	private final RetryPlan plan = new RetryPlan(3, Duration.ofSeconds(1), Duration.ofSeconds(60), 4,
			Duration.ofMillis(500));

	@Test
	void reportsFinalRefusalsAtOnce() {
		for (VippsNextStep step : new VippsNextStep[] { VippsNextStep.FIX_REQUEST, VippsNextStep.GIVE_UP,
				VippsNextStep.GIVE_UP_TELL_PERSON }) {
			assertThat(this.plan.afterRefusal(step, false, null, 1)).isEqualTo(Move.REPORT);
		}
	}

	@Test
	void honoursRetryAfterWithinTheLongestWaitThenReports() {
		assertThat(this.plan.afterRefusal(VippsNextStep.WAIT_THEN_RETRY, false, Duration.ofSeconds(7), 1))
			.isEqualTo(new Move(Move.Kind.REPEAT, Duration.ofSeconds(7)));
		assertThat(this.plan.afterRefusal(VippsNextStep.WAIT_THEN_RETRY, false, Duration.ofMinutes(5), 2).delay())
			.isEqualTo(Duration.ofSeconds(60));
		assertThat(this.plan.afterRefusal(VippsNextStep.WAIT_THEN_RETRY, false, null, 1).delay())
			.isEqualTo(Duration.ofSeconds(60));
		assertThat(this.plan.afterRefusal(VippsNextStep.WAIT_THEN_RETRY, false, Duration.ofSeconds(7), 3))
			.isEqualTo(Move.REPORT);
	}

	@Test
	void repeatsWithTheSameKeyAfterAGrowingBackoffUnlessAPersonMustActFirst() {
		assertThat(this.plan.afterRefusal(VippsNextStep.RETRY_SAME_KEY, false, null, 1).delay())
			.isEqualTo(Duration.ofSeconds(1));
		assertThat(this.plan.afterRefusal(VippsNextStep.RETRY_SAME_KEY, false, null, 2).delay())
			.isEqualTo(Duration.ofSeconds(2));
		assertThat(this.plan.afterRefusal(VippsNextStep.RETRY_SAME_KEY, false, null, 3)).isEqualTo(Move.REPORT);
		assertThat(this.plan.afterRefusal(VippsNextStep.RETRY_SAME_KEY, true, null, 1)).isEqualTo(Move.REPORT);
	}

	@Test
	void readsDetailsOrWaitsForTheReservationWhenTheClientSaysSo() {
		assertThat(this.plan.afterRefusal(VippsNextStep.READ_DETAILS_FIRST, false, null, 9))
			.isEqualTo(Move.READ_DETAILS);
		assertThat(this.plan.afterRefusal(VippsNextStep.WAIT_FOR_RESERVATION, false, null, 9))
			.isEqualTo(Move.AWAIT_RESERVATION);
	}

	@Test
	void repeatsACallWithoutTraceOnlyWithinTheAttempts() {
		assertThat(this.plan.afterNoTrace(1).kind()).isEqualTo(Move.Kind.REPEAT);
		assertThat(this.plan.afterNoTrace(3)).isEqualTo(Move.REPORT);
	}

	@Test
	void spacesDetailsReadsDoublingUpToTheLongestWait() {
		assertThat(this.plan.detailsDelay(1)).isEqualTo(Duration.ofMillis(500));
		assertThat(this.plan.detailsDelay(3)).isEqualTo(Duration.ofSeconds(2));
		assertThat(this.plan.detailsDelay(40)).isEqualTo(Duration.ofSeconds(60));
	}

	@Test
	void rejectsPlansThatCannotWork() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new RetryPlan(0, Duration.ZERO, Duration.ZERO, 1, Duration.ZERO));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new RetryPlan(1, Duration.ofSeconds(2), Duration.ofSeconds(1), 1, Duration.ZERO));
	}

}
