package dev.cyclone.websocket.adapter;

import java.util.function.Consumer;

import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.jspecify.annotations.Nullable;

import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.PingMessage;
import org.springframework.web.socket.PongMessage;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.adapter.NativeWebSocketSession;

/**
 * Writes through Jetty's asynchronous WebSocket API (the sessions of Spring's Jetty upgrade strategy): no thread
 * waits on a slow peer. Jetty has no time limit per write and, with the starter's settings, no idle timeout: a peer
 * that stops reading is found by the outbound queue's limits at the next send and, once closed, is disconnected when
 * it has not completed the closing handshake within the close timeout ({@code ConnectionSupervisor}). Loaded only
 * when Jetty's WebSocket API is present.
 */
final class JettyAsyncMessageWriter extends MessageWriter {

	private final Session nativeSession;

	private JettyAsyncMessageWriter(WebSocketSession session, Session nativeSession) {
		super(session);
		this.nativeSession = nativeSession;
	}

	/**
	 * @param session the session
	 * @return a writer, {@code null} when the session is not backed by a Jetty WebSocket session
	 */
	static @Nullable MessageWriter forSession(WebSocketSession session) {
		Session nativeSession = (session instanceof NativeWebSocketSession nativeAware)
				? nativeAware.getNativeSession(Session.class) : null;
		return (nativeSession != null) ? new JettyAsyncMessageWriter(session, nativeSession) : null;
	}

	@Override
	void write(WebSocketMessage<?> message, Consumer<@Nullable Throwable> completion) {
		Callback callback = Callback.from(() -> completion.accept(null), completion::accept);
		try {
			if (message instanceof TextMessage text) {
				this.nativeSession.sendText(text.getPayload(), callback);
			}
			else if (message instanceof BinaryMessage binary) {
				this.nativeSession.sendBinary(binary.getPayload(), callback);
			}
			else if (message instanceof PingMessage ping) {
				this.nativeSession.sendPing(ping.getPayload(), callback);
			}
			else if (message instanceof PongMessage pong) {
				this.nativeSession.sendPong(pong.getPayload(), callback);
			}
			else {
				completion.accept(new IllegalArgumentException("Unsupported message type " + message.getClass()));
			}
		}
		catch (RuntimeException ex) {
			completion.accept(ex);
		}
	}

	/** Closes without waiting for the close frame to be written, as Spring's Jetty session would. */
	@Override
	void close(CloseStatus status) {
		try {
			this.nativeSession.close(status.getCode(), status.getReason(), Callback.NOOP);
		}
		catch (RuntimeException ex) {
			// the peer is gone already; the transport reports the close to the handler
		}
	}

}
