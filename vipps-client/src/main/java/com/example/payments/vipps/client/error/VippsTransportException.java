package com.example.payments.vipps.client.error;

/**
 * No usable HTTP answer: the connection could not be made, the response did not arrive
 * within the read timeout, or the connection was lost. Only {@link #requestSent() unsent}
 * requests are provably unprocessed; after a timeout or a lost connection the operation
 * may have been applied at Vipps (for capture, cancel, initiate and refund the outcome is
 * unknown).
 *
 * @author vipps-client
 */
public final class VippsTransportException extends VippsApiException {

	private final boolean requestSent;

	private final boolean timeout;

	public VippsTransportException(VippsFailure failure, boolean requestSent, boolean timeout, Throwable cause) {
		super(failure, VippsErrorClassification.transport(failure.operation(), requestSent), cause);
		this.requestSent = requestSent;
		this.timeout = timeout;
	}

	/**
	 * Whether the request may have reached Vipps. {@code false} only when the connection
	 * was never established (refused, connect timeout, unknown host).
	 * @return whether Vipps may have processed the request
	 */
	public boolean requestSent() {
		return this.requestSent;
	}

	/**
	 * Whether the failure was a connect or read timeout.
	 * @return whether it timed out
	 */
	public boolean timeout() {
		return this.timeout;
	}

	@Override
	public String kind() {
		return this.timeout ? "timeout" : "transport";
	}

}
