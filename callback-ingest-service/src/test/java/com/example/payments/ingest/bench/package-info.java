/**
 * The service's benchmarks ({@code bin/bench ingest}, {@code bin/bench shipping}): main
 * classes the build compiles but never runs.
 */
package com.example.payments.ingest.bench;
