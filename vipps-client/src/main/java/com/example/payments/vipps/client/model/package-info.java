/**
 * Request and response records mirroring the Vipps eCom API v2 OpenAPI schemas. Amounts
 * are integers in øre ({@code long}); shipping costs are NOK ({@code BigDecimal}).
 */
package com.example.payments.vipps.client.model;
