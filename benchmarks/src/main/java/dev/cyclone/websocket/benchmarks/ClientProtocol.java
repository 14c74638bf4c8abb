package dev.cyclone.websocket.benchmarks;

import io.netty.handler.codec.http.websocketx.WebSocketVersion;

/**
 * The protocols the load and scale tools speak, by the names the cyclone API gives them.
 */
public enum ClientProtocol {

	/**
	 * RFC 6455, through Netty's {@code WebSocketClientHandshaker13} (masked client
	 * frames).
	 */
	RFC6455("rfc6455", WebSocketVersion.V13),

	/** Hixie-76, through Netty's {@code WebSocketClientHandshaker00}. */
	HIXIE76("hixie-76", WebSocketVersion.V00);

	private final String label;

	private final WebSocketVersion version;

	ClientProtocol(String label, WebSocketVersion version) {
		this.label = label;
		this.version = version;
	}

	/**
	 * The protocol with the given label.
	 * @param label {@code rfc6455} or {@code hixie-76}
	 * @return the protocol
	 * @throws IllegalArgumentException if no protocol has that label
	 */
	public static ClientProtocol of(String label) {
		for (ClientProtocol protocol : values()) {
			if (protocol.label.equals(label)) {
				return protocol;
			}
		}
		throw new IllegalArgumentException("Unknown protocol '" + label + "': use rfc6455 or hixie-76");
	}

	/**
	 * The label, as accepted by {@link #of(String)}.
	 * @return {@code rfc6455} or {@code hixie-76}
	 */
	public String label() {
		return this.label;
	}

	/**
	 * The Netty handshake version that speaks this protocol.
	 * @return {@code V13} or {@code V00}
	 */
	WebSocketVersion version() {
		return this.version;
	}

}
