/**
 * Wiring only: typed configuration ({@code payments.command.*}, the client's
 * {@code vipps.client.*}) and the beans that connect the consumer, the handler, Vipps and
 * Kafka.
 */
package com.example.payments.command.config;
