package com.example.payments.reconciliation;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * Tracks every payment from its events and commands, polls Vipps {@code /details} for the
 * facts whose callbacks never came, publishes them, and answers what is known of a
 * payment.
 */
@SpringBootApplication
public class ReconciliationServiceApplication {

	public static void main(String[] args) {
		SpringApplication.run(ReconciliationServiceApplication.class, args);
	}

}
