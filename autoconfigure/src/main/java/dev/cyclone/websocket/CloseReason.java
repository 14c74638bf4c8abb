package dev.cyclone.websocket;

import java.nio.charset.StandardCharsets;

import org.springframework.util.Assert;
import org.springframework.web.socket.CloseStatus;

/**
 * Why a connection closed: a close code and an optional reason, as in RFC 6455 section
 * 7.4. Hixie connections, whose protocol has no close codes, report {@link #NORMAL} for a
 * closing handshake and {@link #ABNORMAL} for a dropped connection.
 *
 * @param code the close code
 * @param reason the reason, empty when none was given
 */
public record CloseReason(int code, String reason) {

	/** 1000: the purpose of the connection was fulfilled. */
	public static final CloseReason NORMAL = new CloseReason(1000, "");

	/** 1001: the server is going down or the peer navigated away. */
	public static final CloseReason GOING_AWAY = new CloseReason(1001, "");

	/**
	 * 1003: a message of a type the handler does not accept (by default, binary
	 * messages).
	 */
	public static final CloseReason UNSUPPORTED_DATA = new CloseReason(1003, "");

	/**
	 * 1006: the connection dropped without a closing handshake (never sent on the wire).
	 */
	public static final CloseReason ABNORMAL = new CloseReason(1006, "");

	/** 1008: a message violated the server's policy. */
	public static final CloseReason POLICY_VIOLATION = new CloseReason(1008, "");

	/** 1009: a message was larger than the configured maximum. */
	public static final CloseReason TOO_BIG = new CloseReason(1009, "");

	/** 1011: a handler callback threw an exception. */
	public static final CloseReason SERVER_ERROR = new CloseReason(1011, "");

	/**
	 * 4500: the peer did not read fast enough: its outbound buffer or send time limit was
	 * exceeded (the code Spring's {@code ConcurrentWebSocketSessionDecorator} uses for
	 * the same condition).
	 */
	public static final CloseReason SEND_LIMIT_EXCEEDED = new CloseReason(4500, "");

	/** The longest reason a close frame can carry, in UTF-8 bytes. */
	public static final int MAX_REASON_BYTES = 123;

	public CloseReason {
		Assert.isTrue(code >= 1000 && code <= 4999, () -> "Close code must be between 1000 and 4999, was " + code);
		reason = (reason != null) ? reason : "";
	}

	/**
	 * Check that a close code and reason may be sent, as RFC 6455 section 7.4 says:
	 * 1000-1003 and 1007-1011, the codes registered with IANA since (1012-1014), and
	 * 3000-4999 for libraries, frameworks and applications; never 1004, 1005, 1006 or
	 * 1015, which only report what happened, nor anything else. A reason takes at most
	 * 123 bytes of UTF-8 (a close frame's payload is at most 125). Codes received from
	 * peers are reported as they come.
	 * @param code the close code to send
	 * @param reason the reason to send
	 * @throws IllegalArgumentException when the code or reason may not be sent
	 */
	public static void requireSendable(int code, String reason) {
		requireSendableCode(code);
		int length = reason.getBytes(StandardCharsets.UTF_8).length;
		if (length > MAX_REASON_BYTES) {
			throw new IllegalArgumentException("Close reason of " + length + " bytes is too long: at most "
					+ MAX_REASON_BYTES + " bytes of UTF-8");
		}
	}

	/**
	 * Check that a close code may be sent ({@link #requireSendable}).
	 * @param code the close code to send
	 * @throws IllegalArgumentException when the code may not be sent
	 */
	public static void requireSendableCode(int code) {
		boolean sendable = (code >= 1000 && code <= 1003) || (code >= 1007 && code <= 1014)
				|| (code >= 3000 && code <= 4999);
		if (!sendable) {
			throw new IllegalArgumentException("Close code " + code + " may not be sent: use 1000-1003, 1007-1014 "
					+ "or 3000-4999 (1004, 1005, 1006 and 1015 only report what happened)");
		}
	}

	/**
	 * The same code with another reason.
	 * @param reason the reason to send
	 * @return a new close reason
	 */
	public CloseReason withReason(String reason) {
		return new CloseReason(this.code, reason);
	}

	/**
	 * Whether this is a normal closure (1000) or a going-away (1001).
	 * @return {@code true} for 1000 and 1001
	 */
	public boolean isNormal() {
		return this.code == 1000 || this.code == 1001;
	}

	/**
	 * The close reason of a Spring close status.
	 * @param status the status
	 * @return the close reason
	 */
	public static CloseReason of(CloseStatus status) {
		return new CloseReason(status.getCode(), status.getReason());
	}

	/**
	 * This close reason as a Spring close status.
	 * @return the status
	 */
	public CloseStatus toCloseStatus() {
		return new CloseStatus(this.code, this.reason.isEmpty() ? null : this.reason);
	}

	@Override
	public String toString() {
		return this.reason.isEmpty() ? String.valueOf(this.code) : this.code + " " + this.reason;
	}

}
