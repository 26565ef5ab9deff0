package com.example.payments.vipps.client;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.deser.DeserializationProblemHandler;
import tools.jackson.databind.deser.ValueInstantiator;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the body of a 2xx answer to a mutating call as far as it can. The call happened
 * whatever the body looks like, so an odd timestamp, a value of the wrong type, an empty
 * body or HTML must never turn it into an error: what cannot be read becomes {@code null}
 * (0 for amounts) and is named in the problem text.
 *
 * @author vipps-client
 */
final class AppliedBodyReader {

	private static final int MAX_VALUE_IN_PROBLEM = 40;

	private final JsonMapper jsonMapper;

	AppliedBodyReader(JsonMapper jsonMapper) {
		this.jsonMapper = jsonMapper;
	}

	/**
	 * Read {@code body} as {@code type}, leniently.
	 * @param <T> the model type
	 * @param body the raw body, may be empty
	 * @param type the model type
	 * @return what was read, and what could not be
	 */
	<T> Read<T> read(byte[] body, Class<T> type) {
		if (body.length == 0) {
			return new Read<>(null, "", "empty body");
		}
		String raw = new String(body, StandardCharsets.UTF_8);
		List<String> problems = new ArrayList<>();
		try {
			T value = this.jsonMapper.readerFor(type).withHandler(new CollectingProblems(problems)).readValue(body);
			if (value == null && problems.isEmpty()) {
				problems.add("no " + type.getSimpleName() + " in the body");
			}
			return new Read<>(value, raw, problems.isEmpty() ? null : String.join("; ", problems));
		}
		catch (JacksonException ex) {
			return new Read<>(null, raw, "not a readable " + type.getSimpleName() + ": " + ex.getOriginalMessage());
		}
	}

	/**
	 * The result of a lenient read.
	 *
	 * @param <T> the model type
	 * @param value what could be read, may be {@code null}
	 * @param raw the body as text
	 * @param problem what could not be read, {@code null} when nothing
	 */
	record Read<T>(T value, String raw, String problem) {

	}

	/**
	 * Turns every recoverable mapping problem into a {@code null} value and a note.
	 */
	private static final class CollectingProblems extends DeserializationProblemHandler {

		private final List<String> problems;

		CollectingProblems(List<String> problems) {
			this.problems = problems;
		}

		@Override
		public Object handleWeirdStringValue(DeserializationContext context, Class<?> targetType, String value,
				String failureMessage) {
			note(context, "'" + abbreviate(value) + "' is not a valid " + targetType.getSimpleName());
			return null;
		}

		@Override
		public Object handleWeirdNumberValue(DeserializationContext context, Class<?> targetType, Number value,
				String failureMessage) {
			note(context, value + " is not a valid " + targetType.getSimpleName());
			return null;
		}

		@Override
		public Object handleUnexpectedToken(DeserializationContext context, JavaType targetType, JsonToken token,
				JsonParser parser, String failureMessage) {
			note(context, token + " where " + targetType.getRawClass().getSimpleName() + " was expected");
			parser.skipChildren();
			return null;
		}

		@Override
		public Object handleMissingInstantiator(DeserializationContext context, Class<?> instantiatedClass,
				ValueInstantiator instantiator, JsonParser parser, String failureMessage) {
			note(context, parser.currentToken() + " where " + instantiatedClass.getSimpleName() + " was expected");
			parser.skipChildren();
			return null;
		}

		@Override
		public Object handleInstantiationProblem(DeserializationContext context, Class<?> instantiatedClass,
				Object argument, Throwable cause) {
			note(context, instantiatedClass.getSimpleName() + " could not be built: " + cause.getMessage());
			return null;
		}

		private void note(DeserializationContext context, String problem) {
			String path = context.getParser().streamReadContext().pathAsPointer().toString();
			this.problems.add((path.isEmpty() ? "/" : path) + ": " + problem);
		}

		private static String abbreviate(String value) {
			return (value.length() > MAX_VALUE_IN_PROBLEM) ? value.substring(0, MAX_VALUE_IN_PROBLEM) + "..." : value;
		}

	}

}
