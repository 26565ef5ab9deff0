/**
 * Schema evolution: the released versions of every top-level schema, the guard that
 * proves the current schemas can still read them, and the tool that releases a new
 * version.
 */
package com.example.payments.schema.evolution;
