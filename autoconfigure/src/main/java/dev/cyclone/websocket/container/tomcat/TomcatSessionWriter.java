package dev.cyclone.websocket.container.tomcat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

import jakarta.websocket.RemoteEndpoint;
import org.apache.tomcat.websocket.WsSession;
import org.jspecify.annotations.Nullable;

import dev.cyclone.websocket.container.SessionWriter;

import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.PingMessage;
import org.springframework.web.socket.PongMessage;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.WebSocketSession;

/**
 * Writes the messages of a Tomcat session without ever waiting on a slow peer. Text and
 * binary messages are framed here and written straight to the session's socket, as
 * Tomcat's blocking send does on the thread that calls it, so that a write the socket
 * takes at once completes on the caller's thread. Tomcat's asynchronous send would hand
 * every completion to another container thread, which costs about a quarter of the
 * throughput of an echo. This needs the socket's lock, which Tomcat holds while it reads
 * the session's frames (and answers a peer's ping or close): the write checks under it
 * that no close frame has been started (the starter's own closes come only after its last
 * write), and is failed by the socket after the send time limit. When the lock is busy
 * (another thread reads this connection), when an extension such as permessage-deflate
 * was negotiated (Tomcat transforms the frames), or when the socket cannot be found, the
 * message goes through Tomcat's asynchronous send, which fails a write that takes longer
 * than the send time limit. Pings and pongs, which Jakarta WebSocket sends only blocking
 * (bounded by the send time limit), run on a thread for blocking calls, never the
 * caller's.
 */
final class TomcatSessionWriter extends SessionWriter {

	private final WsSession nativeSession;

	private final RemoteEndpoint.Async remote;

	private final @Nullable TomcatEndpoint endpoint;

	private final long sendTimeLimitMillis;

	private final Executor blockingCalls;

	TomcatSessionWriter(WebSocketSession session, WsSession nativeSession, Executor blockingCalls,
			Duration sendTimeLimit) {
		super(session);
		this.nativeSession = nativeSession;
		this.remote = nativeSession.getAsyncRemote();
		this.endpoint = nativeSession.getNegotiatedExtensions().isEmpty() ? TomcatEndpoint.of(nativeSession) : null;
		this.sendTimeLimitMillis = sendTimeLimit.toMillis();
		this.blockingCalls = blockingCalls;
		this.remote.setSendTimeout(sendTimeLimit.toMillis());
	}

	/**
	 * @return whether text and binary messages are written straight to the socket (when
	 * its lock is free)
	 */
	boolean writesToSocket() {
		return this.endpoint != null;
	}

	/**
	 * Open until the session's close frame is started, whoever starts it: Tomcat's
	 * session stays open after.
	 */
	@Override
	public boolean isOpen() {
		return super.isOpen() && (this.endpoint == null || !this.endpoint.closeFrameStarted());
	}

	@Override
	public void write(WebSocketMessage<?> message, Consumer<@Nullable Throwable> completion) {
		try {
			if (message instanceof TextMessage text) {
				if (!writeToSocket(ServerFrameHeader.TEXT, ByteBuffer.wrap(text.asBytes()), completion)) {
					this.remote.sendText(text.getPayload(), (result) -> completion.accept(result.getException()));
				}
			}
			else if (message instanceof BinaryMessage binary) {
				if (!writeToSocket(ServerFrameHeader.BINARY, binary.getPayload().duplicate(), completion)) {
					this.remote.sendBinary(binary.getPayload(), (result) -> completion.accept(result.getException()));
				}
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

	/**
	 * Write a data frame to the socket, unless its lock is busy.
	 * @return whether the write was started (or the session found closing, which fails
	 * it)
	 */
	private boolean writeToSocket(int opcode, ByteBuffer payload, Consumer<@Nullable Throwable> completion) {
		TomcatEndpoint endpoint = this.endpoint;
		if (endpoint == null || !endpoint.socket().getLock().tryLock()) {
			return false;
		}
		try {
			if (!isOpen()) {
				completion.accept(new ClosedChannelException());
			}
			else {
				ByteBuffer header = ServerFrameHeader.of(opcode, payload.remaining());
				SocketWrites.write(endpoint.socket(), new ByteBuffer[] { header, payload }, this.sendTimeLimitMillis,
						completion);
			}
			return true;
		}
		finally {
			endpoint.socket().getLock().unlock();
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
