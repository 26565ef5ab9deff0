/**
 * The Avro contract of the payment topics: topic names, the payment key, deterministic
 * event ids and personal-data marking. The generated record classes live in the
 * sub-packages {@code command}, {@code event}, {@code consent}, {@code shipping} and
 * {@code common}.
 */
package com.example.payments.schema;
