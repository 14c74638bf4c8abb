package dev.cyclone.websocket.container;

import org.jspecify.annotations.Nullable;

import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.adapter.NativeWebSocketSession;
import org.springframework.web.socket.handler.WebSocketSessionDecorator;

/**
 * Finds the container's own session behind a Spring {@link WebSocketSession}, decorators
 * included.
 */
public final class NativeSessions {

	private NativeSessions() {
	}

	/**
	 * The container's session of a given type behind a Spring session.
	 * @param <T> the type
	 * @param session the Spring session, possibly decorated
	 * @param type the container's session type
	 * @return the container's session, {@code null} when the session is not backed by one
	 * of that type
	 */
	public static <T> @Nullable T of(WebSocketSession session, Class<T> type) {
		return (WebSocketSessionDecorator.unwrap(session) instanceof NativeWebSocketSession nativeAware)
				? nativeAware.getNativeSession(type) : null;
	}

}
