/**
 * A small Confluent-compatible schema registry for development and tests.
 */
package com.example.payments.registry;
