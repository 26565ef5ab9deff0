/**
 * Readiness of what a service cannot work without: the Kafka cluster and the schema
 * registry. Auto-configured; each service puts both in its readiness group, never in
 * liveness, so an outage takes a pod out of traffic instead of restarting it.
 */
package com.example.payments.kafka.health;
