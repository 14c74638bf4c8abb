package dev.cyclone.websocket.benchmarks;

/**
 * The text the load and scale tools send: the connection number and a sequence number,
 * padded to the requested size, so that an echo can be checked against exactly the
 * message it answers.
 */
final class EchoPayload {

	private static final String PADDING = "abcdefghijklmnopqrstuvwxyz".repeat(4);

	private EchoPayload() {
	}

	/**
	 * The message number {@code sequence} of connection {@code connection}:
	 * {@code "<connection>:<sequence>:"} followed by ASCII letters up to {@code size}
	 * characters (longer when the numbers alone need more).
	 * @param connection the connection number
	 * @param sequence the message number on that connection
	 * @param size the length to pad to, in characters (and bytes: the text is ASCII)
	 * @return the message
	 */
	static String of(int connection, long sequence, int size) {
		StringBuilder text = new StringBuilder(Math.max(size, 24));
		text.append(connection).append(':').append(sequence).append(':');
		while (text.length() < size) {
			text.append(PADDING, 0, Math.min(PADDING.length(), size - text.length()));
		}
		return text.toString();
	}

}
