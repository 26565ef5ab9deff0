/**
 * The simulated Vipps: payments and their bookkeeping, credentials, rate limits, timers,
 * and the calls Vipps makes to merchants.
 */
package com.example.payments.vipps.simulator.engine;
