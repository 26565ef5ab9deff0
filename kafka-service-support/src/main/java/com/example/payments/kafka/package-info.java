/**
 * What the three services share on Kafka: consumer and Streams error handling, and the
 * readiness of the broker and the schema registry. Wired by auto-configuration.
 */
package com.example.payments.kafka;
