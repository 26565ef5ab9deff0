/**
 * The shipping-details endpoint of express checkout, answered from every payment's
 * shipping rules held in memory and kept equal to the compacted shipping-rules topic.
 */
package com.example.payments.ingest.shipping;
