/**
 * A deliberate architecture violation for ArchitectureRulesRejectViolationsTests: test
 * code only, never part of the production check.
 */
package com.example.payments.reconciliation.query.archfixture;
