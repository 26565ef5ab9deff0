/**
 * What the three endpoints share on the HTTP side: the paths Vipps builds from the
 * configured prefixes, reading bodies within a size limit, and the JSON error answers.
 */
package com.example.payments.ingest.web;
