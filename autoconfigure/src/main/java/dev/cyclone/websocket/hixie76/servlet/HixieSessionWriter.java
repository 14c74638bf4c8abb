package dev.cyclone.websocket.hixie76.servlet;

import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;

import dev.cyclone.websocket.container.SessionWriter;

import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.PingMessage;
import org.springframework.web.socket.PongMessage;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketMessage;

/**
 * Writes the messages of a Hixie connection's outbound queue as text frames,
 * asynchronously. The drafts have no ping and no pong: those complete at once, unsent;
 * they have no binary messages either.
 */
final class HixieSessionWriter extends SessionWriter {

	private final HixieConnection connection;

	HixieSessionWriter(HixieWebSocketSession session, HixieConnection connection) {
		super(session);
		this.connection = connection;
	}

	@Override
	public void write(WebSocketMessage<?> message, Consumer<@Nullable Throwable> completion) {
		if (message instanceof TextMessage text) {
			this.connection.writeText(text.getPayload(), completion);
		}
		else if (message instanceof PingMessage || message instanceof PongMessage) {
			completion.accept(null);
		}
		else {
			completion.accept(new UnsupportedOperationException(
					this.connection.draft().protocolName() + " has no binary messages; binary messages need RFC 6455"));
		}
	}

	@Override
	public void close(CloseStatus status) {
		this.connection.close(status);
	}

	@Override
	public void abort() {
		this.connection.abort();
	}

}
