package dev.cyclone.websocket.benchmarks;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What one {@link LoadTool} run does, from its command-line arguments.
 *
 * @param endpoints the echo endpoints, measured in turn when there are several
 * @param connections how many connections to open to each endpoint
 * @param window how many messages each connection keeps in flight
 * @param duration how long the measurement lasts
 * @param messageSize the size of each message sent, in bytes (ASCII)
 * @param expectedPrefix what the server puts before the message in its echo
 * @param warmup how long the load runs on each endpoint before the measurement starts
 * @param slice how long the load runs on each endpoint at a time (warm-up and
 * measurement) when there are several
 */
record LoadSettings(List<LoadEndpoint> endpoints, int connections, int window, Duration duration, int messageSize,
		String expectedPrefix, Duration warmup, Duration slice) {

	static final String USAGE = "Arguments: <ws-url>[,<ws-url>...] <rfc6455|hixie-76>[,<protocol>...] <connections>"
			+ " <window> <duration-s> <message-bytes> <expected-prefix> [warmup-s, default 3]; several endpoints"
			+ " (one protocol each, or one for all) are measured in turn, in slices of -Dload.slice-ms (default 1000)"
			+ " plus 100 ms to fill the windows";

	/**
	 * Parses the command-line arguments described by {@link #USAGE}.
	 * @param args the arguments
	 * @return the settings
	 * @throws IllegalArgumentException if an argument is missing or malformed
	 */
	static LoadSettings parse(String[] args) {
		if (args.length != 7 && args.length != 8) {
			throw new IllegalArgumentException("Expected 7 or 8 arguments, got " + args.length);
		}
		return new LoadSettings(endpoints(args[0].split(","), args[1].split(",")), positive(args[2]), positive(args[3]),
				Duration.ofSeconds(positive(args[4])), positive(args[5]), args[6],
				Duration.ofSeconds((args.length == 8) ? Integer.parseInt(args[7]) : 3),
				Duration.ofMillis(positive(System.getProperty("load.slice-ms", "1000"))));
	}

	private static List<LoadEndpoint> endpoints(String[] uris, String[] protocols) {
		if (protocols.length != 1 && protocols.length != uris.length) {
			throw new IllegalArgumentException(
					"Expected one protocol, or one per endpoint (" + uris.length + "), got " + protocols.length);
		}
		List<LoadEndpoint> endpoints = new ArrayList<>();
		for (int index = 0; index < uris.length; index++) {
			endpoints.add(new LoadEndpoint(URI.create(uris[index]),
					ClientProtocol.of(protocols[(protocols.length == 1) ? 0 : index])));
		}
		return List.copyOf(endpoints);
	}

	private static int positive(String argument) {
		int value = Integer.parseInt(argument);
		if (value <= 0) {
			throw new IllegalArgumentException("Expected a positive number, got " + argument);
		}
		return value;
	}

	/**
	 * One line that says what is measured.
	 * @return the description
	 */
	String describe() {
		String endpoints = this.endpoints.stream().map(LoadEndpoint::toString).collect(Collectors.joining(", "));
		String turns = (this.endpoints.size() == 1) ? ""
				: " each, in turn in slices of " + this.slice.toMillis() + " ms";
		return endpoints + ": " + this.connections + " connections x window " + this.window + ", " + this.messageSize
				+ "-byte messages, expected prefix \"" + this.expectedPrefix + "\", " + this.warmup.toSeconds()
				+ " s warm-up + " + this.duration.toSeconds() + " s" + turns;
	}

}
