package dev.cyclone.websocket.container.tomcat;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.Session;
import org.jspecify.annotations.Nullable;

import dev.cyclone.websocket.container.SessionWriter;

import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.PingMessage;
import org.springframework.web.socket.PongMessage;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.WebSocketSession;

/**
 * Writes through the Jakarta WebSocket asynchronous remote endpoint (Tomcat): no thread waits on a slow peer. The
 * container fails a write that takes longer than the send time limit. Pings and pongs, which Jakarta WebSocket sends
 * only blocking (bounded by the send time limit), run on a thread for blocking calls, never the caller's.
 */
final class TomcatSessionWriter extends SessionWriter {

	private final RemoteEndpoint.Async remote;

	private final Executor blockingCalls;

	TomcatSessionWriter(WebSocketSession session, Session nativeSession, Executor blockingCalls,
			Duration sendTimeLimit) {
		super(session);
		this.remote = nativeSession.getAsyncRemote();
		this.blockingCalls = blockingCalls;
		this.remote.setSendTimeout(sendTimeLimit.toMillis());
	}

	@Override
	public void write(WebSocketMessage<?> message, Consumer<@Nullable Throwable> completion) {
		try {
			if (message instanceof TextMessage text) {
				this.remote.sendText(text.getPayload(), (result) -> completion.accept(result.getException()));
			}
			else if (message instanceof BinaryMessage binary) {
				this.remote.sendBinary(binary.getPayload(), (result) -> completion.accept(result.getException()));
			}
			else if (message instanceof PingMessage ping) {
				sendBlocking(() -> this.remote.sendPing(ping.getPayload()), completion);
			}
			else if (message instanceof PongMessage pong) {
				sendBlocking(() -> this.remote.sendPong(pong.getPayload()), completion);
			}
			else {
				completion.accept(new IllegalArgumentException("Unsupported message type " + message.getClass()));
			}
		}
		catch (RuntimeException ex) {
			completion.accept(ex);
		}
	}

	private void sendBlocking(BlockingSend send, Consumer<@Nullable Throwable> completion) {
		this.blockingCalls.execute(() -> {
			try {
				send.run();
				completion.accept(null);
			}
			catch (IOException | RuntimeException ex) {
				completion.accept(ex);
			}
		});
	}

	/** A send that can only block. */
	@FunctionalInterface
	private interface BlockingSend {

		void run() throws IOException;

	}

}
