package com.example.payments.vipps.simulator;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A local Vipps eCom API v2.
 */
@SpringBootApplication
public class VippsSimulatorApplication {

	public static void main(String[] args) {
		SpringApplication.run(VippsSimulatorApplication.class, args);
	}

}
