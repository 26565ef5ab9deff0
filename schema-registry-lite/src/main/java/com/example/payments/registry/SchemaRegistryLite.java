package com.example.payments.registry;

/**
 * Placeholder.
 */
public final class SchemaRegistryLite {

	private SchemaRegistryLite() {
	}

	public static void main(String[] args) {
	}

}
