/**
 * The local development stack: Kafka and the schema registry in one JVM.
 */
package com.example.payments.localstack;
