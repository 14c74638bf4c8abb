package dev.cyclone.websocket.hixie76.servlet;

import java.util.Collections;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import dev.cyclone.websocket.hixie76.HixieDraft;

/**
 * Recognises a legacy WebSocket handshake: {@code GET} with {@code Upgrade: WebSocket} and {@code Connection:
 * Upgrade} (names and values in any case) and no RFC 6455 {@code Sec-WebSocket-Version} or
 * {@code Sec-WebSocket-Key}. With {@code Sec-WebSocket-Key1} or {@code Sec-WebSocket-Key2} it is Hixie-76, with
 * neither Hixie-75.
 */
final class LegacyHandshakeRequest {

	static final String KEY1 = "Sec-WebSocket-Key1";

	static final String KEY2 = "Sec-WebSocket-Key2";

	private LegacyHandshakeRequest() {
	}

	/**
	 * The draft of a legacy handshake.
	 * @param request the request
	 * @return the draft, or {@code null} when the request is no legacy handshake
	 */
	static @Nullable HixieDraft draftOf(HttpServletRequest request) {
		if (!"GET".equals(request.getMethod()) || !"websocket".equalsIgnoreCase(request.getHeader("Upgrade"))
				|| !hasToken(request, "Connection", "upgrade") || request.getHeader("Sec-WebSocket-Version") != null
				|| request.getHeader("Sec-WebSocket-Key") != null) {
			return null;
		}
		boolean keyed = request.getHeader(KEY1) != null || request.getHeader(KEY2) != null;
		return keyed ? HixieDraft.HIXIE_76 : HixieDraft.HIXIE_75;
	}

	private static boolean hasToken(HttpServletRequest request, String header, String token) {
		for (String value : Collections.list(request.getHeaders(header))) {
			for (String part : value.split(",")) {
				if (part.trim().equalsIgnoreCase(token)) {
					return true;
				}
			}
		}
		return false;
	}

}
