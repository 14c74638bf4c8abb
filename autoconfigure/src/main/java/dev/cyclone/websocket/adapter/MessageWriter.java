package dev.cyclone.websocket.adapter;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;

import org.springframework.util.ClassUtils;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.WebSocketSession;

/**
 * Writes the messages of one session without blocking the caller and reports when each is written. The
 * {@link OutboundQueue} never starts a write before the previous one completed.
 */
abstract class MessageWriter {

	private static final boolean JAKARTA_WEBSOCKET_PRESENT = ClassUtils.isPresent("jakarta.websocket.Session",
			MessageWriter.class.getClassLoader());

	private static final boolean JETTY_WEBSOCKET_PRESENT = ClassUtils.isPresent(
			"org.eclipse.jetty.websocket.api.Session", MessageWriter.class.getClassLoader());

	protected final WebSocketSession session;

	protected MessageWriter(WebSocketSession session) {
		this.session = session;
	}

	/**
	 * The best writer for a session: the session's own {@code sendMessage} on the caller's thread when it never
	 * blocks ({@link NonBlockingWebSocketSession}, the legacy transport), asynchronous through Jakarta WebSocket
	 * (Tomcat) or Jetty's WebSocket API (Jetty, through Spring's Jetty upgrade strategy) when the session is backed by
	 * one, otherwise the session's own {@code sendMessage} on a thread for blocking calls.
	 * @param session the session
	 * @param blockingCalls runs container calls that can only block
	 * @param sendTimeLimit the longest a single write may take
	 * @return the writer
	 */
	static MessageWriter forSession(WebSocketSession session, Executor blockingCalls, Duration sendTimeLimit) {
		if (session instanceof NonBlockingWebSocketSession) {
			return new InlineMessageWriter(session);
		}
		if (JAKARTA_WEBSOCKET_PRESENT) {
			jakarta.websocket.Session nativeSession = JakartaAsyncMessageWriter.nativeSession(session);
			if (nativeSession != null) {
				return new JakartaAsyncMessageWriter(session, nativeSession, blockingCalls, sendTimeLimit);
			}
		}
		if (JETTY_WEBSOCKET_PRESENT) {
			MessageWriter jetty = JettyAsyncMessageWriter.forSession(session);
			if (jetty != null) {
				return jetty;
			}
		}
		return new BlockingMessageWriter(session, blockingCalls);
	}

	/**
	 * Start writing a message.
	 * @param message the message
	 * @param completion called once, from any thread (possibly before this method returns), with {@code null}
	 * when the message was written or with the failure
	 */
	abstract void write(WebSocketMessage<?> message, Consumer<@Nullable Throwable> completion);

	/**
	 * Close the session. May block up to the send time limit, so it never runs on a caller's thread.
	 * @param status the close status
	 */
	void close(CloseStatus status) {
		try {
			this.session.close(status);
		}
		catch (IOException | RuntimeException ex) {
			// the peer is gone already; the transport reports the close to the handler
		}
	}

}
