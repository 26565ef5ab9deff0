/**
 * A local Vipps eCom API v2 simulator.
 */
package com.example.payments.vipps.simulator;
