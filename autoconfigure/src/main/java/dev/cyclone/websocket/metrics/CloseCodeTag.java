package dev.cyclone.websocket.metrics;

/**
 * The {@code code} tag of a close: bounded whatever codes peers send. The codes RFC 6455
 * and the IANA registry define (1000 to 1015) and the starter's own 4500 are tagged by
 * value; any other code by its range: {@code 3xxx} (registered by libraries and
 * frameworks), {@code 4xxx} (private use) or {@code other}.
 */
final class CloseCodeTag {

	private static final int SEND_LIMIT_EXCEEDED = 4500;

	private CloseCodeTag() {
	}

	static String of(int code) {
		if ((code >= 1000 && code <= 1015 && code != 1004) || code == SEND_LIMIT_EXCEEDED) {
			return String.valueOf(code);
		}
		if (code >= 3000 && code <= 3999) {
			return "3xxx";
		}
		if (code >= 4000 && code <= 4999) {
			return "4xxx";
		}
		return "other";
	}

}
