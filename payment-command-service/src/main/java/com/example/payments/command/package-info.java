/**
 * Consumes payment commands from Kafka, calls the Vipps eCom API and publishes the
 * outcome as payment events.
 */
package com.example.payments.command;
