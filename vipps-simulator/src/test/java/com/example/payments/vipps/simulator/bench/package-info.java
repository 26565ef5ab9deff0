/**
 * {@code bin/bench simulator}: the simulator's throughput and CPU time per call, measured
 * against a bare Reactor Netty endpoint in the same run. Compiled by the build, never run
 * by it.
 */
package com.example.payments.vipps.simulator.bench;
