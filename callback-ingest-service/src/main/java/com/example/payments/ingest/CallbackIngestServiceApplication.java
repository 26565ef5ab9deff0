package com.example.payments.ingest;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * Receives the calls Vipps makes to the merchant (callbacks, shipping details, consent
 * removal) and publishes them as events.
 */
@SpringBootApplication
public class CallbackIngestServiceApplication {

	public static void main(String[] args) {
		SpringApplication.run(CallbackIngestServiceApplication.class, args);
	}

}
