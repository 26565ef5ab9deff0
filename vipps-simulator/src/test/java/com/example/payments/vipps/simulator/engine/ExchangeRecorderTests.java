package com.example.payments.vipps.simulator.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.example.payments.vipps.simulator.RecordedExchange;
import com.example.payments.vipps.simulator.RecordedExchange.Kind;
import com.example.payments.vipps.simulator.SimulatorProperties.Exchanges;
import com.example.payments.vipps.simulator.SimulatorProperties.Exchanges.Recording;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The exchange log keeps everything, the newest few, or nothing.
 */
class ExchangeRecorderTests {

	@Test
	void boundedRecordingKeepsTheNewestExchangesInSequenceOrder() {
		ExchangeRecorder recorder = new ExchangeRecorder(Exchanges.bounded(3));
		// Recorded when they end, so not in sequence order.
		for (long sequence : List.of(2L, 1L, 3L, 5L, 4L)) {
			recorder.record(exchange(sequence));
		}
		assertThat(recorder.recording()).isTrue();
		assertThat(recorder.all()).extracting(RecordedExchange::sequence).containsExactly(3L, 4L, 5L);
	}

	@Test
	void fullRecordingKeepsEveryExchange() {
		ExchangeRecorder recorder = new ExchangeRecorder(new Exchanges(Recording.FULL, 1));
		for (long sequence = 1; sequence <= 10; sequence++) {
			recorder.record(exchange(sequence));
		}
		assertThat(recorder.all()).hasSize(10);
	}

	@Test
	void recordingOffKeepsNothing() {
		ExchangeRecorder recorder = new ExchangeRecorder(new Exchanges(Recording.OFF, 10));
		recorder.record(exchange(recorder.nextSequence()));
		assertThat(recorder.recording()).isFalse();
		assertThat(recorder.all()).isEmpty();
	}

	@Test
	void clearForgetsEverything() {
		ExchangeRecorder recorder = new ExchangeRecorder(Exchanges.bounded(10));
		recorder.record(exchange(1));
		recorder.clear();
		assertThat(recorder.all()).isEmpty();
	}

	private static RecordedExchange exchange(long sequence) {
		return new RecordedExchange(sequence, Instant.now(), Kind.DETAILS, "123456", "order-" + sequence, "GET",
				"http://127.0.0.1/ecomm/v2/payments/order-" + sequence + "/details", Map.of(), "", 200, Map.of(), "{}",
				Duration.ZERO, null, null);
	}

}
