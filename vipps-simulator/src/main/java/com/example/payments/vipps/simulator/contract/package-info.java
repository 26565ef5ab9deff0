/**
 * Checks recorded exchanges against the official Vipps OpenAPI spec.
 */
package com.example.payments.vipps.simulator.contract;
