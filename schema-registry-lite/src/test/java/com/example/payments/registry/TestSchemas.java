package com.example.payments.registry;

/**
 * Schemas shared by the registry's tests: one record in three versions.
 */
final class TestSchemas {

	/** The first version. */
	static final String ORDER_V1 = """
			{"type":"record","name":"Order","namespace":"test","fields":[
			  {"name":"id","type":"string"}]}""";

	/** Adds a field with a default: backward and forward compatible with v1. */
	static final String ORDER_V2 = """
			{"type":"record","name":"Order","namespace":"test","fields":[
			  {"name":"id","type":"string"},
			  {"name":"amount","type":"long","default":0}]}""";

	/**
	 * Adds a field without a default: v3 cannot read v1 or v2 data, so not backward
	 * compatible.
	 */
	static final String ORDER_V3_NO_DEFAULT = """
			{"type":"record","name":"Order","namespace":"test","fields":[
			  {"name":"id","type":"string"},
			  {"name":"amount","type":"long","default":0},
			  {"name":"currency","type":"string"}]}""";

	/** Drops {@code amount} and adds {@code note} with a default. */
	static final String ORDER_WITHOUT_AMOUNT = """
			{"type":"record","name":"Order","namespace":"test","fields":[
			  {"name":"id","type":"string"},
			  {"name":"note","type":"string","default":""}]}""";

	private TestSchemas() {
	}

}
