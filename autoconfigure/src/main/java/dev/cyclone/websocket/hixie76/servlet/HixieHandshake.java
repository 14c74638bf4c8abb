package dev.cyclone.websocket.hixie76.servlet;

import java.net.InetSocketAddress;
import java.net.URI;
import java.security.Principal;

import org.jspecify.annotations.Nullable;

import dev.cyclone.websocket.hixie76.Hixie76Handshake;
import dev.cyclone.websocket.hixie76.HixieDraft;
import dev.cyclone.websocket.internal.CompactHeaders;

/**
 * An accepted legacy handshake: everything the upgraded connection needs from the HTTP
 * request, which the container recycles once the upgrade is done.
 *
 * @param draft the draft the client speaks
 * @param key1 the {@code Sec-WebSocket-Key1} header (Hixie-76), validated
 * @param key2 the {@code Sec-WebSocket-Key2} header (Hixie-76), validated
 * @param uri the request URI, as text (a parsed URI costs an idle connection far more)
 * @param headers the request headers
 * @param principal the authenticated user, or {@code null}
 * @param localAddress the server's address
 * @param remoteAddress the client's address
 * @param subprotocol the selected subprotocol, or {@code null}
 * @param settings the transport settings
 */
record HixieHandshake(HixieDraft draft, @Nullable String key1, @Nullable String key2, String uri,
		CompactHeaders headers, @Nullable Principal principal, @Nullable InetSocketAddress localAddress,
		@Nullable InetSocketAddress remoteAddress, @Nullable String subprotocol, HixieSettings settings) {

	/**
	 * The 16-byte answer to the key challenge.
	 * @param key3 the 8 bytes that followed the request head
	 * @return the answer
	 */
	byte[] answer(byte[] key3) {
		return Hixie76Handshake.answer(this.key1, this.key2, key3);
	}

	/**
	 * @return a short description for logs: draft, path and peer
	 */
	String describe() {
		return this.draft.protocolName() + " connection to " + URI.create(this.uri).getPath() + " from "
				+ this.remoteAddress;
	}

}
