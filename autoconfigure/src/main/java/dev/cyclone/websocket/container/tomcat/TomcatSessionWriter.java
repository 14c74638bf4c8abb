package dev.cyclone.websocket.container.tomcat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

import jakarta.websocket.RemoteEndpoint;
import org.apache.tomcat.util.net.SocketWrapperBase;
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
 * Writes the messages of a Tomcat session without ever waiting on a slow peer. Text and binary messages are framed
 * here and written straight to the session's socket, as Tomcat's blocking send does on the thread that calls it, so
 * that a write the socket takes at once completes on the caller's thread. Tomcat's asynchronous send would hand every
 * completion to another container thread, which costs about a quarter of the throughput of an echo. This needs the
 * socket's lock, which Tomcat holds while it reads the session's frames (and answers a peer's ping or close): the
 * write checks under it that the session has not started closing. When the lock is busy (another thread reads this
 * connection), when an extension such as permessage-deflate was negotiated (Tomcat transforms the frames), or when
 * the socket cannot be found, the message goes through Tomcat's asynchronous send, which fails a write that takes
 * longer than the send time limit. Pings and pongs, which Jakarta WebSocket sends only blocking (bounded by the send
 * time limit), run on a thread for blocking calls, never the caller's.
 */
final class TomcatSessionWriter extends SessionWriter {

	private final WsSession nativeSession;

	private final RemoteEndpoint.Async remote;

	private final @Nullable SocketWrapperBase<?> socket;

	private final Executor blockingCalls;

	TomcatSessionWriter(WebSocketSession session, WsSession nativeSession, Executor blockingCalls,
			Duration sendTimeLimit) {
		super(session);
		this.nativeSession = nativeSession;
		this.remote = nativeSession.getAsyncRemote();
		this.socket = nativeSession.getNegotiatedExtensions().isEmpty() ? TomcatSockets.of(nativeSession) : null;
		this.blockingCalls = blockingCalls;
		this.remote.setSendTimeout(sendTimeLimit.toMillis());
	}

	/** @return whether text and binary messages are written straight to the socket (when its lock is free) */
	boolean writesToSocket() {
		return this.socket != null;
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
	 * @return whether the write was started (or the session found closing, which fails it)
	 */
	private boolean writeToSocket(int opcode, ByteBuffer payload, Consumer<@Nullable Throwable> completion) {
		SocketWrapperBase<?> socket = this.socket;
		if (socket == null || !socket.getLock().tryLock()) {
			return false;
		}
		try {
			if (!this.nativeSession.isOpen()) {
				completion.accept(new ClosedChannelException());
			}
			else {
				ByteBuffer header = ServerFrameHeader.of(opcode, payload.remaining());
				SocketWrites.write(socket, new ByteBuffer[] { header, payload }, completion);
			}
			return true;
		}
		finally {
			socket.getLock().unlock();
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
