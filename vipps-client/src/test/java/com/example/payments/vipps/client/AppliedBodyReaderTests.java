package com.example.payments.vipps.client;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import com.example.payments.vipps.client.model.PaymentInitiationResponse;
import com.example.payments.vipps.client.model.RefundTransactionResponse;
import com.example.payments.vipps.client.model.TransactionResponse;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link AppliedBodyReader}: the answer of an applied call is read as far as it
 * can be, never turned into an error.
 *
 * @author vipps-client
 */
class AppliedBodyReaderTests {

	private static final String CAPTURE = "{\"orderId\":\"order-1\",\"transactionInfo\":{\"amount\":5000,"
			+ "\"status\":\"Captured\",\"timeStamp\":\"%s\",\"transactionId\":\"5001\",\"transactionText\":\"x\"},"
			+ "\"transactionSummary\":{\"capturedAmount\":5000,\"remainingAmountToCapture\":5000,"
			+ "\"refundedAmount\":0,\"remainingAmountToRefund\":5000}}";

	private final AppliedBodyReader reader = new AppliedBodyReader(VippsClient.createJsonMapper());

	@Test
	void readsACompleteAnswerWithoutProblems() {
		AppliedBodyReader.Read<TransactionResponse> read = read(CAPTURE.formatted("2018-11-14T15:22:46.736Z"),
				TransactionResponse.class);
		assertThat(read.problem()).isNull();
		assertThat(read.value().transactionInfo().timeStamp()).isEqualTo(Instant.parse("2018-11-14T15:22:46.736Z"));
	}

	@Test
	void keepsEverythingButAnOddTimestamp() {
		AppliedBodyReader.Read<TransactionResponse> read = read(CAPTURE.formatted("14.11.2018 15:22"),
				TransactionResponse.class);
		assertThat(read.value().transactionInfo().timeStamp()).isNull();
		assertThat(read.value().transactionInfo().amount()).isEqualTo(5000);
		assertThat(read.value().transactionSummary().remainingAmountToCapture()).isEqualTo(5000);
		assertThat(read.problem()).isEqualTo("/transactionInfo/timeStamp: '14.11.2018 15:22' is not a valid Instant");
		assertThat(read.raw()).contains("14.11.2018 15:22");
	}

	@Test
	void readsValuesOfTheWrongTypeAsMissing() {
		AppliedBodyReader.Read<RefundTransactionResponse> read = read(
				"{\"orderId\":\"order-1\",\"transaction\":{\"amount\":\"lots\",\"status\":\"Refund\"},"
						+ "\"transactionSummary\":[1,2]}",
				RefundTransactionResponse.class);
		assertThat(read.value().orderId()).isEqualTo("order-1");
		assertThat(read.value().transaction().status()).isEqualTo("Refund");
		assertThat(read.value().transaction().amount()).as("unreadable amounts read as 0").isZero();
		assertThat(read.value().transactionSummary()).isNull();
		assertThat(read.problem()).contains("/transaction/amount", "/transactionSummary");
	}

	@Test
	void readsNothingFromAnEmptyBodyHtmlOrAnotherShape() {
		assertThat(read("", PaymentInitiationResponse.class))
			.isEqualTo(new AppliedBodyReader.Read<>(null, "", "empty body"));
		AppliedBodyReader.Read<PaymentInitiationResponse> html = read("<html>OK</html>",
				PaymentInitiationResponse.class);
		assertThat(html.value()).isNull();
		assertThat(html.raw()).isEqualTo("<html>OK</html>");
		assertThat(html.problem()).startsWith("not a readable PaymentInitiationResponse");
		assertThat(read("null", PaymentInitiationResponse.class).problem())
			.isEqualTo("no PaymentInitiationResponse in the body");
		assertThat(read("[]", PaymentInitiationResponse.class).problem()).contains("START_ARRAY");
		assertThat(read("\"ok\"", PaymentInitiationResponse.class).value()).isNull();
	}

	private <T> AppliedBodyReader.Read<T> read(String body, Class<T> type) {
		return this.reader.read(body.getBytes(StandardCharsets.UTF_8), type);
	}

}
