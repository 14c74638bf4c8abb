package dev.cyclone.websocket.container.jetty;

import java.util.function.Consumer;

import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.jspecify.annotations.Nullable;

import dev.cyclone.websocket.container.SessionWriter;

import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.PingMessage;
import org.springframework.web.socket.PongMessage;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.WebSocketSession;

/**
 * Writes through Jetty's asynchronous WebSocket API (the sessions of Spring's Jetty
 * upgrade strategy): no thread waits on a slow peer. Jetty has no time limit per write
 * and, with the starter's settings, no idle timeout: a peer that stops reading is found
 * by the outbound queue's limits at the next send and, once closed, is disconnected when
 * it has not completed the closing handshake within the close timeout
 * ({@code ConnectionSupervisor}).
 */
final class JettySessionWriter extends SessionWriter {

	private final Session nativeSession;

	JettySessionWriter(WebSocketSession session, Session nativeSession) {
		super(session);
		this.nativeSession = nativeSession;
	}

	@Override
	public void write(WebSocketMessage<?> message, Consumer<@Nullable Throwable> completion) {
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

	/**
	 * Closes without waiting for the close frame to be written, as Spring's Jetty session
	 * would.
	 */
	@Override
	public void close(CloseStatus status) {
		try {
			this.nativeSession.close(status.getCode(), status.getReason(), Callback.NOOP);
		}
		catch (RuntimeException ex) {
			// the peer is gone already; the transport reports the close to the handler
		}
	}

}
