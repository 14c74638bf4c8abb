package dev.cyclone.websocket;

/**
 * The WebSocket protocol a connection speaks. Every mapped handler serves all of them on
 * the same paths.
 */
public enum WebSocketProtocol {

	/**
	 * RFC 6455 ({@code Sec-WebSocket-Version: 13}), served by Spring's WebSocket support.
	 */
	RFC_6455("rfc6455"),

	/**
	 * draft-hixie-thewebsocketprotocol-76 (draft-ietf-hybi-00): Key1, Key2 and an 8-byte
	 * key3.
	 */
	HIXIE_76("hixie-76"),

	/** draft-hixie-thewebsocketprotocol-75: no keys. */
	HIXIE_75("hixie-75");

	private final String id;

	WebSocketProtocol(String id) {
		this.id = id;
	}

	/**
	 * The protocol's short name as used in logs, metrics and configuration:
	 * {@code rfc6455}, {@code hixie-76}, {@code hixie-75}.
	 * @return the short name
	 */
	public String id() {
		return this.id;
	}

	@Override
	public String toString() {
		return this.id;
	}

}
