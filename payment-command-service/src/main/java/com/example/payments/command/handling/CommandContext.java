package com.example.payments.command.handling;

import java.time.Duration;

import com.example.payments.command.consumer.HandBack;
import com.example.payments.command.consumer.RecordHandedBack;
import com.example.payments.schema.PaymentKey;
import com.example.payments.schema.command.CancelPayment;
import com.example.payments.schema.command.CapturePayment;
import com.example.payments.schema.command.InitiatePayment;
import com.example.payments.schema.command.PaymentCommand;
import com.example.payments.schema.command.RefundPayment;
import com.example.payments.schema.common.CommandType;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import reactor.core.publisher.Mono;

/**
 * One command being carried out: the command, where it came from, and the signal to give
 * it back.
 *
 * @param command the command
 * @param type its kind
 * @param recordKey the Kafka key it came with
 * @param source topic, partition and offset, e.g. {@code payments.commands.v1-3@1234}
 * @param recordTimestamp when it was written to Kafka (epoch millis)
 * @param handBack fires when the command must stop waiting and be given back
 */
record CommandContext(PaymentCommand command, CommandType type, String recordKey, String source, long recordTimestamp,
		HandBack handBack) {

	static CommandContext of(ConsumerRecord<String, ?> record, PaymentCommand command, HandBack handBack) {
		return new CommandContext(command, typeOf(command.getCommand()), record.key(),
				record.topic() + "-" + record.partition() + "@" + record.offset(), record.timestamp(), handBack);
	}

	String msn() {
		return this.command.getMerchantSerialNumber();
	}

	String orderId() {
		return this.command.getOrderId();
	}

	String commandId() {
		return this.command.getCommandId();
	}

	/**
	 * The payment; only for a command whose identity was checked.
	 * @return the payment key
	 */
	PaymentKey payment() {
		return PaymentKey.of(msn(), orderId());
	}

	/**
	 * The key of the events about this command: the payment identity as the command wrote
	 * it (also when it is invalid, so the order system finds the answer beside it).
	 * @return the key
	 */
	String eventKey() {
		return msn() + PaymentKey.SEPARATOR + orderId();
	}

	<T> T body(Class<T> type) {
		return type.cast(this.command.getCommand());
	}

	/**
	 * Wait, unless the command is handed back first.
	 * @param wait how long
	 * @param what what is waited for (for the log when handed back)
	 * @return completes after the wait, or fails with {@link RecordHandedBack}
	 */
	Mono<Void> sleep(Duration wait, String what) {
		return Mono.firstWithSignal(Mono.delay(wait).then(), handedBack(what));
	}

	/**
	 * Fails with {@link RecordHandedBack} when the hand-back signal fires; never
	 * completes otherwise.
	 * @param what what was being done
	 * @return the signal as a Mono
	 */
	<T> Mono<T> handedBack(String what) {
		return Mono.fromCompletionStage(this.handBack.fired()).then(Mono.error(() -> new RecordHandedBack(what)));
	}

	static CommandType typeOf(Object body) {
		if (body instanceof InitiatePayment) {
			return CommandType.INITIATE;
		}
		if (body instanceof CapturePayment) {
			return CommandType.CAPTURE;
		}
		if (body instanceof CancelPayment) {
			return CommandType.CANCEL;
		}
		if (body instanceof RefundPayment) {
			return CommandType.REFUND;
		}
		return CommandType.UNKNOWN;
	}

}
