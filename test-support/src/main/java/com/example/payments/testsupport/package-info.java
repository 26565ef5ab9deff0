/**
 * Test support: a real Kafka broker and schema registry for integration tests, and test
 * data.
 */
package com.example.payments.testsupport;
