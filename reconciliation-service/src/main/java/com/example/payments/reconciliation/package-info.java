/**
 * Tracks open payments and polls Vipps /details for those whose callbacks never arrived.
 */
package com.example.payments.reconciliation;
