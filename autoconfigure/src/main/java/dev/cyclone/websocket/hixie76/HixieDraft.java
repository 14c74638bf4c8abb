package dev.cyclone.websocket.hixie76;

import dev.cyclone.websocket.WebSocketProtocol;

/**
 * The two Hixie WebSocket drafts, with the names that differ between them. Both use the
 * same framing; only Hixie-76 has the key challenge (see {@link Hixie76Handshake}).
 */
public enum HixieDraft {

	/** draft-hixie-thewebsocketprotocol-75: no keys, unprefixed response headers. */
	HIXIE_75(WebSocketProtocol.HIXIE_75, "Web Socket Protocol Handshake", "WebSocket-Origin", "WebSocket-Location",
			"WebSocket-Protocol"),

	/**
	 * draft-hixie-thewebsocketprotocol-76 (draft-ietf-hybi-00): key challenge, Sec-
	 * headers.
	 */
	HIXIE_76(WebSocketProtocol.HIXIE_76, "WebSocket Protocol Handshake", "Sec-WebSocket-Origin",
			"Sec-WebSocket-Location", "Sec-WebSocket-Protocol");

	private final WebSocketProtocol protocol;

	private final String reasonPhrase;

	private final String originHeader;

	private final String locationHeader;

	private final String protocolHeader;

	HixieDraft(WebSocketProtocol protocol, String reasonPhrase, String originHeader, String locationHeader,
			String protocolHeader) {
		this.protocol = protocol;
		this.reasonPhrase = reasonPhrase;
		this.originHeader = originHeader;
		this.locationHeader = locationHeader;
		this.protocolHeader = protocolHeader;
	}

	/**
	 * Returns the protocol a connection of this draft speaks.
	 * @return {@link WebSocketProtocol#HIXIE_75} or {@link WebSocketProtocol#HIXIE_76}
	 */
	public WebSocketProtocol protocol() {
		return this.protocol;
	}

	/**
	 * Returns the short name of the draft.
	 * @return {@code "hixie-75"} or {@code "hixie-76"}
	 */
	public String protocolName() {
		return this.protocol.id();
	}

	/**
	 * Returns the reason phrase of the draft's {@code 101} status line.
	 * @return {@code "Web Socket Protocol Handshake"} or
	 * {@code "WebSocket Protocol Handshake"}
	 */
	public String reasonPhrase() {
		return this.reasonPhrase;
	}

	/**
	 * Returns the name of the response header that echoes the client's origin.
	 * @return {@code "WebSocket-Origin"} or {@code "Sec-WebSocket-Origin"}
	 */
	public String originHeader() {
		return this.originHeader;
	}

	/**
	 * Returns the name of the response header that carries the WebSocket URL.
	 * @return {@code "WebSocket-Location"} or {@code "Sec-WebSocket-Location"}
	 */
	public String locationHeader() {
		return this.locationHeader;
	}

	/**
	 * Returns the name of the header that carries the subprotocols the client asks for,
	 * in the request, and the one the server selected, in the response.
	 * @return {@code "WebSocket-Protocol"} or {@code "Sec-WebSocket-Protocol"}
	 */
	public String protocolHeader() {
		return this.protocolHeader;
	}

}
