package dev.cyclone.websocket;

import org.springframework.util.Assert;
import org.springframework.web.socket.CloseStatus;

/**
 * Why a connection closed: a close code and an optional reason, as in RFC 6455 section 7.4. Hixie connections,
 * whose protocol has no close codes, report {@link #NORMAL} for a closing handshake and {@link #ABNORMAL} for a
 * dropped connection.
 *
 * @param code the close code
 * @param reason the reason, empty when none was given
 */
public record CloseReason(int code, String reason) {

	/** 1000: the purpose of the connection was fulfilled. */
	public static final CloseReason NORMAL = new CloseReason(1000, "");

	/** 1001: the server is going down or the peer navigated away. */
	public static final CloseReason GOING_AWAY = new CloseReason(1001, "");

	/** 1003: a message of a type the handler does not accept (by default, binary messages). */
	public static final CloseReason UNSUPPORTED_DATA = new CloseReason(1003, "");

	/** 1006: the connection dropped without a closing handshake (never sent on the wire). */
	public static final CloseReason ABNORMAL = new CloseReason(1006, "");

	/** 1008: a message violated the server's policy. */
	public static final CloseReason POLICY_VIOLATION = new CloseReason(1008, "");

	/** 1009: a message was larger than the configured maximum. */
	public static final CloseReason TOO_BIG = new CloseReason(1009, "");

	/** 1011: a handler callback threw an exception. */
	public static final CloseReason SERVER_ERROR = new CloseReason(1011, "");

	/**
	 * 4500: the peer did not read fast enough: its outbound buffer or send time limit was exceeded (the code
	 * Spring's {@code ConcurrentWebSocketSessionDecorator} uses for the same condition).
	 */
	public static final CloseReason SEND_LIMIT_EXCEEDED = new CloseReason(4500, "");

	public CloseReason {
		Assert.isTrue(code >= 1000 && code <= 4999, () -> "Close code must be between 1000 and 4999, was " + code);
		reason = (reason != null) ? reason : "";
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
