package dev.cyclone.websocket.container;

import java.io.IOException;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;

import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.WebSocketSession;

/**
 * Writes with the session's own {@code sendMessage} on the calling thread: for a {@link NonBlockingWebSocketSession},
 * whose send never blocks, so no thread hop is needed and no other connection's stalled write can delay it.
 */
final class InlineSessionWriter extends SessionWriter {

	InlineSessionWriter(WebSocketSession session) {
		super(session);
	}

	@Override
	public void write(WebSocketMessage<?> message, Consumer<@Nullable Throwable> completion) {
		try {
			this.session.sendMessage(message);
		}
		catch (IOException | RuntimeException ex) {
			completion.accept(ex);
			return;
		}
		completion.accept(null);
	}

}
