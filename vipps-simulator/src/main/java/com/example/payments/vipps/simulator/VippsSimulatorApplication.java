package com.example.payments.vipps.simulator;

import java.util.Map;

import com.example.payments.vipps.simulator.engine.SimulatorEngine;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * The simulator as a standalone Spring Boot application (default port 8090). Its
 * configuration file is {@code vipps-simulator.yml}, not {@code application.yml}, so the
 * jar never leaks settings into an application that has it on its classpath.
 */
@SpringBootApplication
@EnableConfigurationProperties(SimulatorProperties.class)
public class VippsSimulatorApplication {

	@Bean(destroyMethod = "close")
	SimulatorEngine simulatorEngine(SimulatorProperties properties) {
		return new SimulatorEngine(properties);
	}

	@Bean
	RouterFunction<ServerResponse> simulatorRoutes(SimulatorEngine engine) {
		return VippsSimulator.routes(engine);
	}

	public static void main(String[] args) {
		SpringApplication application = new SpringApplication(VippsSimulatorApplication.class);
		application.setDefaultProperties(Map.of("spring.config.name", "vipps-simulator"));
		application.run(args);
	}

}
