/**
 * The reconciliation service: tracks every payment from {@code payments.events.v1} and
 * {@code payments.commands.v1} (package {@code tracking}), polls Vipps {@code /details}
 * on a check ladder within Vipps' limits ({@code polling}), publishes the facts whose
 * callbacks never came, and answers "what is the state of this payment" ({@code query}).
 * Pure decisions (state, ladders, budgets) are in {@code domain}; {@code config} wires.
 */
package com.example.payments.reconciliation;
