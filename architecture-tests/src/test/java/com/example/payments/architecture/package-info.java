/**
 * Architecture rules over every module's production code, and the proof that each rule
 * rejects a deliberate violation.
 */
package com.example.payments.architecture;
