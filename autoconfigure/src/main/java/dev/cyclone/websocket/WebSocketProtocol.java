package dev.cyclone.websocket;

import java.util.Map;

/**
 * The WebSocket protocol a connection speaks. Every mapped handler serves all of them on the same paths.
 */
public enum WebSocketProtocol {

	/** RFC 6455 ({@code Sec-WebSocket-Version: 13}), served by Spring's WebSocket support. */
	RFC_6455("rfc6455"),

	/** draft-hixie-thewebsocketprotocol-76 (draft-ietf-hybi-00): Key1, Key2 and an 8-byte key3. */
	HIXIE_76("hixie-76"),

	/** draft-hixie-thewebsocketprotocol-75: no keys. */
	HIXIE_75("hixie-75");

	/**
	 * Session attribute under which a transport names the protocol of its sessions. Sessions without it
	 * speak RFC 6455.
	 */
	public static final String SESSION_ATTRIBUTE = WebSocketProtocol.class.getName();

	private final String id;

	WebSocketProtocol(String id) {
		this.id = id;
	}

	/**
	 * The protocol's short name as used in logs, metrics and configuration: {@code rfc6455}, {@code hixie-76},
	 * {@code hixie-75}.
	 * @return the short name
	 */
	public String id() {
		return this.id;
	}

	/**
	 * The protocol recorded in a session's attributes.
	 * @param sessionAttributes the attributes of a Spring {@code WebSocketSession}
	 * @return the protocol, {@link #RFC_6455} when none is recorded
	 */
	public static WebSocketProtocol of(Map<String, Object> sessionAttributes) {
		Object protocol = sessionAttributes.get(SESSION_ATTRIBUTE);
		return (protocol instanceof WebSocketProtocol known) ? known : RFC_6455;
	}

	@Override
	public String toString() {
		return this.id;
	}

}
