package com.example.payments.vipps.simulator.contract;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Where the official spec was looked for, and found or not: {@code -Dvipps.openapi.dir},
 * else {@code VIPPS_OPENAPI_DIR}, else {@code shared/vipps-openapi} or
 * {@code ../shared/vipps-openapi} from the working directory up.
 *
 * @param directory the directory holding swagger.yaml and ms_import.yaml, or {@code null}
 * if no directory tried holds them
 * @param tried the directories tried, in order
 */
record VippsOpenApiSpecSearch(Path directory, List<Path> tried) {

	static VippsOpenApiSpecSearch run() {
		String configured = System.getProperty(VippsOpenApiContract.DIRECTORY_PROPERTY);
		if (configured == null || configured.isBlank()) {
			configured = System.getenv(VippsOpenApiContract.DIRECTORY_ENV);
		}
		if (configured != null && !configured.isBlank()) {
			Path directory = Path.of(configured).toAbsolutePath().normalize();
			return new VippsOpenApiSpecSearch(isSpec(directory) ? directory : null, List.of(directory));
		}
		Path current = Path.of("").toAbsolutePath();
		List<Path> tried = new ArrayList<>();
		while (current != null) {
			for (Path candidate : List.of(current.resolve("shared/vipps-openapi"),
					current.resolve("../shared/vipps-openapi"))) {
				tried.add(candidate.normalize());
				if (isSpec(candidate)) {
					return new VippsOpenApiSpecSearch(candidate.normalize(), tried);
				}
			}
			current = current.getParent();
		}
		return new VippsOpenApiSpecSearch(null, tried);
	}

	private static boolean isSpec(Path directory) {
		return Files.isRegularFile(directory.resolve("swagger.yaml"))
				&& Files.isRegularFile(directory.resolve("ms_import.yaml"));
	}

	/**
	 * One line saying where the spec was looked for and how to point at it.
	 * @return the message
	 */
	String notFound() {
		return "Vipps OpenAPI spec (swagger.yaml and ms_import.yaml) not found in "
				+ String.join(", ", this.tried.stream().map(Path::toString).toList()) + "; point at it with -D"
				+ VippsOpenApiContract.DIRECTORY_PROPERTY + "=DIR (or " + VippsOpenApiContract.DIRECTORY_ENV + "=DIR)";
	}

}
