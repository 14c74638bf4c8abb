package dev.cyclone.websocket.container;

import java.io.IOException;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;

import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.WebSocketSession;

/**
 * Writes with the session's blocking {@code sendMessage} on a thread for blocking calls:
 * the fallback for sessions that offer no asynchronous send. A slow peer holds that one
 * thread while its message is written, never the caller and never another connection.
 */
final class BlockingSessionWriter extends SessionWriter {

	private final Executor executor;

	BlockingSessionWriter(WebSocketSession session, Executor executor) {
		super(session);
		this.executor = executor;
	}

	@Override
	public void write(WebSocketMessage<?> message, Consumer<@Nullable Throwable> completion) {
		this.executor.execute(() -> {
			try {
				this.session.sendMessage(message);
				completion.accept(null);
			}
			catch (IOException | RuntimeException ex) {
				completion.accept(ex);
			}
		});
	}

}
