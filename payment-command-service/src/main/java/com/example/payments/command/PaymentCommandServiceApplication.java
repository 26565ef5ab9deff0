package com.example.payments.command;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * Consumes payment commands from Kafka, calls the Vipps eCom API and publishes the
 * outcome as payment events.
 */
@SpringBootApplication
public class PaymentCommandServiceApplication {

	public static void main(String[] args) {
		SpringApplication.run(PaymentCommandServiceApplication.class, args);
	}

}
