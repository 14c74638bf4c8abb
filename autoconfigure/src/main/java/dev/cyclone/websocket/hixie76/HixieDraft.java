package dev.cyclone.websocket.hixie76;

import dev.cyclone.websocket.WebSocketProtocol;

/**
 * The two Hixie WebSocket drafts, with the names that differ between them. Both use the same
 * framing; only Hixie-76 has the key challenge (see {@link Hixie76Handshake}).
 */
public enum HixieDraft {

	/** draft-hixie-thewebsocketprotocol-75: no keys, unprefixed response headers. */
	HIXIE_75(WebSocketProtocol.HIXIE_75, "WebSocket-Origin", "WebSocket-Location"),

	/** draft-hixie-thewebsocketprotocol-76 (draft-ietf-hybi-00): key challenge, Sec- headers. */
	HIXIE_76(WebSocketProtocol.HIXIE_76, "Sec-WebSocket-Origin", "Sec-WebSocket-Location");

	private final WebSocketProtocol protocol;
	private final String originHeader;
	private final String locationHeader;

	HixieDraft(WebSocketProtocol protocol, String originHeader, String locationHeader) {
		this.protocol = protocol;
		this.originHeader = originHeader;
		this.locationHeader = locationHeader;
	}

	/**
	 * Returns the protocol a connection of this draft speaks.
	 *
	 * @return {@link WebSocketProtocol#HIXIE_75} or {@link WebSocketProtocol#HIXIE_76}
	 */
	public WebSocketProtocol protocol() {
		return this.protocol;
	}

	/**
	 * Returns the short name of the draft.
	 *
	 * @return {@code "hixie-75"} or {@code "hixie-76"}
	 */
	public String protocolName() {
		return this.protocol.id();
	}

	/**
	 * Returns the name of the response header that echoes the client's origin.
	 *
	 * @return {@code "WebSocket-Origin"} or {@code "Sec-WebSocket-Origin"}
	 */
	public String originHeader() {
		return originHeader;
	}

	/**
	 * Returns the name of the response header that carries the WebSocket URL.
	 *
	 * @return {@code "WebSocket-Location"} or {@code "Sec-WebSocket-Location"}
	 */
	public String locationHeader() {
		return locationHeader;
	}
}
