/**
 * The command service's pure rules, free of Spring, Kafka, Avro and Reactor types
 * (checked by {@code architecture-tests}): what makes a command's identity valid, how
 * long to keep repeating a call Vipps refused for now, and whether {@code /details} shows
 * a reservation.
 */
package com.example.payments.command.domain;
