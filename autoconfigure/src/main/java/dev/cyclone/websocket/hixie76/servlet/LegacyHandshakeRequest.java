package dev.cyclone.websocket.hixie76.servlet;

import java.util.Collections;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import dev.cyclone.websocket.hixie76.Hixie76Handshake;
import dev.cyclone.websocket.hixie76.HixieDraft;

/**
 * Recognises a legacy WebSocket handshake: {@code GET} with {@code Upgrade: WebSocket}
 * and {@code Connection:
 * Upgrade} (names and values in any case) and no RFC 6455 {@code Sec-WebSocket-Version}
 * or {@code Sec-WebSocket-Key}. With {@code Sec-WebSocket-Key1} or
 * {@code Sec-WebSocket-Key2} it is Hixie-76, with neither Hixie-75.
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

	/**
	 * Why a legacy handshake's body is refused: the only body a handshake may have is
	 * key3, the 8 bytes Hixie-76 clients such as Netty's send with
	 * {@code Content-Length: 8}; the container hands it to the upgraded connection, so it
	 * is bounded and never chunked.
	 * @param request the request
	 * @return the reason, or {@code null} when the body is acceptable
	 */
	static @Nullable String invalidBody(HttpServletRequest request) {
		if (request.getHeader("Transfer-Encoding") != null) {
			return "a chunked body is not allowed";
		}
		long length = request.getContentLengthLong();
		return (length > Hixie76Handshake.KEY3_LENGTH)
				? "a body of " + length + " bytes is not allowed (at most " + Hixie76Handshake.KEY3_LENGTH + ": key3)"
				: null;
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
