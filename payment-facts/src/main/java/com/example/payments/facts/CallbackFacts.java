package com.example.payments.facts;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.example.payments.schema.PaymentEventIds;
import com.example.payments.schema.PaymentEventIds.Ending;
import com.example.payments.schema.PaymentKey;
import com.example.payments.schema.event.PaymentCaptured;
import com.example.payments.schema.event.PaymentRejected;
import com.example.payments.schema.event.PaymentReserved;
import com.example.payments.schema.event.RejectionReason;
import com.example.payments.schema.event.VippsErrorInfo;
import com.example.payments.vipps.client.callback.CallbackErrorInfo;
import com.example.payments.vipps.client.callback.CallbackTransactionInfo;
import com.example.payments.vipps.client.callback.ExpressCheckOutPaymentRequest;
import com.example.payments.vipps.client.callback.TransactionUpdateCallback;

/**
 * Facts from a Vipps callback (the ingest service), with the same ids {@code /details}
 * and our own answers give the same facts.
 * <table>
 * <caption>callback status to facts</caption>
 * <tr>
 * <th>status</th>
 * <th>facts</th>
 * </tr>
 * <tr>
 * <td>{@code RESERVED}, {@code RESERVE}</td>
 * <td>{@code PaymentReserved}; with the user's profile {@code UserDetailsShared};
 * express: {@code ShippingSelected}</td>
 * </tr>
 * <tr>
 * <td>{@code SALE}</td>
 * <td>{@code PaymentCaptured} with {@code directCapture}; the same profile and shipping
 * facts</td>
 * </tr>
 * <tr>
 * <td>{@code CANCELLED}, {@code REJECTED}</td>
 * <td>{@code PaymentRejected} {@code CANCELLED} / {@code REJECTED}, ending
 * {@code CANCEL}</td>
 * </tr>
 * <tr>
 * <td>{@code RESERVE_FAILED}, {@code SALE_FAILED}</td>
 * <td>{@code PaymentRejected} with Vipps' {@code errorInfo}, ending {@code FAILED}</td>
 * </tr>
 * <tr>
 * <td>anything else</td>
 * <td>none (reconciliation finds the truth)</td>
 * </tr>
 * </table>
 */
public final class CallbackFacts {

	private CallbackFacts() {
	}

	/**
	 * The facts a callback reports.
	 * @param callback the parsed callback
	 * @param learnedAt when it arrived (used when it carries no {@code timeStamp})
	 * @return the facts, empty for a status the guide does not list
	 * @throws IllegalArgumentException if the MSN or orderId is not valid, or an express
	 * shipping cost is not a whole number of øre
	 */
	public static List<PaymentFact> of(TransactionUpdateCallback callback, Instant learnedAt) {
		PaymentKey payment = PaymentKey.of(callback.merchantSerialNumber(), callback.orderId());
		CallbackTransactionInfo info = callback.transactionInfo();
		List<PaymentFact> facts = new ArrayList<>();
		switch (info.knownStatus()) {
			case RESERVED -> {
				facts.add(fact(PaymentEventIds.reserved(payment), payment,
						PaymentReserved.newBuilder()
							.setAmount(info.amount())
							.setTransactionId(info.transactionId())
							.setPaymentInstrument(null)
							.build(),
						info, learnedAt));
				addSharedDetails(facts, payment, callback, learnedAt);
			}
			case SALE -> {
				facts.add(fact(PaymentEventIds.directCapture(payment), payment,
						PaymentCaptured.newBuilder()
							.setAmount(info.amount())
							.setTransactionId(info.transactionId())
							.setSummary(null)
							.setDirectCapture(true)
							.build(),
						info, learnedAt));
				addSharedDetails(facts, payment, callback, learnedAt);
			}
			case CANCELLED -> facts.add(ending(payment, Ending.CANCEL, RejectionReason.CANCELLED, callback, learnedAt));
			case REJECTED -> facts.add(ending(payment, Ending.CANCEL, RejectionReason.REJECTED, callback, learnedAt));
			case RESERVE_FAILED ->
				facts.add(ending(payment, Ending.FAILED, RejectionReason.RESERVE_FAILED, callback, learnedAt));
			case SALE_FAILED ->
				facts.add(ending(payment, Ending.FAILED, RejectionReason.SALE_FAILED, callback, learnedAt));
			case UNKNOWN -> {
				// Nothing can be concluded; reconciliation reads /details.
			}
		}
		return List.copyOf(facts);
	}

	private static void addSharedDetails(List<PaymentFact> facts, PaymentKey payment,
			TransactionUpdateCallback callback, Instant learnedAt) {
		CallbackTransactionInfo info = callback.transactionInfo();
		if (callback instanceof ExpressCheckOutPaymentRequest express) {
			UserShared.shipping(express.shippingDetails())
				.ifPresent((shipping) -> facts
					.add(fact(PaymentEventIds.shippingSelected(payment), payment, shipping, info, learnedAt)));
		}
		UserShared.userDetails(callback.userDetails(), null)
			.ifPresent((user) -> facts
				.add(fact(PaymentEventIds.userDetailsShared(payment), payment, user, info, learnedAt)));
	}

	private static PaymentFact ending(PaymentKey payment, Ending ending, RejectionReason reason,
			TransactionUpdateCallback callback, Instant learnedAt) {
		CallbackTransactionInfo info = callback.transactionInfo();
		PaymentRejected rejected = PaymentRejected.newBuilder()
			.setReason(reason)
			.setTransactionId(info.transactionId())
			.setVippsError(errorOf(callback.errorInfo()))
			.build();
		return fact(PaymentEventIds.ending(payment, ending), payment, rejected, info, learnedAt);
	}

	private static VippsErrorInfo errorOf(CallbackErrorInfo error) {
		if (error == null || error.errorGroup() == null || error.errorCode() == null || error.errorMessage() == null) {
			return null;
		}
		return VippsErrorInfo.newBuilder()
			.setErrorGroup(error.errorGroup())
			.setErrorCode(error.errorCode())
			.setErrorMessage(error.errorMessage())
			.setContextId(error.contextId())
			.build();
	}

	private static PaymentFact fact(String eventId, PaymentKey payment, org.apache.avro.specific.SpecificRecord event,
			CallbackTransactionInfo info, Instant learnedAt) {
		return PaymentFact.at(eventId, payment, event, info.timeStamp(), learnedAt, null);
	}

}
