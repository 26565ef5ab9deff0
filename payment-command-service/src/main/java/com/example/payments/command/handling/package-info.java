/**
 * Payment commands carried out against Vipps: checking a command, the use cases
 * ({@link com.example.payments.command.handling.Initiating},
 * {@link com.example.payments.command.handling.MovingMoney} for capture and refund,
 * {@link com.example.payments.command.handling.Cancelling}), what a refused or unclear
 * call comes to ({@link com.example.payments.command.handling.OutcomeSteps},
 * {@link com.example.payments.command.handling.DetailsCheck}), and the events that report
 * it ({@link com.example.payments.command.handling.CommandEvents}).
 */
package com.example.payments.command.handling;
