/**
 * HTTP: the Vipps eCom API, the landing page a person approves on, and the {@code /_sim}
 * control API.
 */
package com.example.payments.vipps.simulator.web;
