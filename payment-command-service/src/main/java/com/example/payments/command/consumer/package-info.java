/**
 * Key-ordered concurrent consumption, generic and independent of Vipps: per partition,
 * one queue per key, so one key's records are handled strictly in order while different
 * keys run at the same time; offsets are committed only below the first unfinished
 * record; partitions are paused for back-pressure; on rebalance and shutdown running
 * records finish or are handed back (ADR 0012).
 */
package com.example.payments.command.consumer;
