package com.example.payments.command.archfixture;

import com.example.payments.ingest.CallbackIngestServiceApplication;

/**
 * One service depending on another.
 */
public final class CommandServiceReadingTheIngestService {

	Class<?> other() {
		return CallbackIngestServiceApplication.class;
	}

}
