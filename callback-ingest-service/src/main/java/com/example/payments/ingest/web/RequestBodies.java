package com.example.payments.ingest.web;

import reactor.core.publisher.Mono;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.web.reactive.function.BodyExtractors;
import org.springframework.web.reactive.function.server.ServerRequest;

/**
 * Reads a request body as bytes, refusing one over the limit before it is held in memory:
 * at once from its {@code Content-Length}, or as soon as a chunked body grows past it.
 * The bytes go to the parsers of {@code vipps-client} as they came.
 */
public final class RequestBodies {

	private static final byte[] EMPTY = new byte[0];

	private final int maxBytes;

	/**
	 * A reader with a limit.
	 * @param maxBytes the largest body accepted
	 */
	public RequestBodies(int maxBytes) {
		this.maxBytes = maxBytes;
	}

	/**
	 * The body of a request.
	 * @param request the request
	 * @return the bytes (empty for no body); fails with {@link BodyTooLargeException}
	 */
	public Mono<byte[]> read(ServerRequest request) {
		long declared = request.headers().contentLength().orElse(-1);
		if (declared > this.maxBytes) {
			return Mono.error(new BodyTooLargeException(this.maxBytes));
		}
		return DataBufferUtils.join(request.body(BodyExtractors.toDataBuffers()), this.maxBytes)
			.map(RequestBodies::bytes)
			.defaultIfEmpty(EMPTY)
			.onErrorMap(DataBufferLimitException.class, (ex) -> new BodyTooLargeException(this.maxBytes));
	}

	private static byte[] bytes(DataBuffer buffer) {
		try {
			byte[] bytes = new byte[buffer.readableByteCount()];
			buffer.read(bytes);
			return bytes;
		}
		finally {
			DataBufferUtils.release(buffer);
		}
	}

}
