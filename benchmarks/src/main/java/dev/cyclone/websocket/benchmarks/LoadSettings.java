package dev.cyclone.websocket.benchmarks;

import java.net.URI;
import java.time.Duration;

/**
 * What one {@link LoadTool} run does, from its command-line arguments.
 *
 * @param uri the {@code ws://} address of the echo endpoint
 * @param protocol the protocol every connection speaks
 * @param connections how many connections to open
 * @param window how many messages each connection keeps in flight
 * @param duration how long the measurement lasts
 * @param messageSize the size of each message sent, in bytes (ASCII)
 * @param expectedPrefix what the server puts before the message in its echo
 * @param warmup how long the load runs before the measurement starts
 */
record LoadSettings(URI uri, ClientProtocol protocol, int connections, int window, Duration duration, int messageSize,
		String expectedPrefix, Duration warmup) {

	static final String USAGE = "Arguments: <ws-url> <rfc6455|hixie-76> <connections> <window> <duration-s>"
			+ " <message-bytes> <expected-prefix> [warmup-s, default 3]";

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
		return new LoadSettings(URI.create(args[0]), ClientProtocol.of(args[1]), positive(args[2]), positive(args[3]),
				Duration.ofSeconds(positive(args[4])), positive(args[5]), args[6],
				Duration.ofSeconds((args.length == 8) ? Integer.parseInt(args[7]) : 3));
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
		return this.protocol.label() + " " + this.uri + ": " + this.connections + " connections x window " + this.window
				+ ", " + this.messageSize + "-byte messages, expected prefix \"" + this.expectedPrefix + "\", "
				+ this.warmup.toSeconds() + " s warm-up + " + this.duration.toSeconds() + " s";
	}

}
