package dev.cyclone.websocket.container.tomcat;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.websocket.CloseReason;
import org.apache.tomcat.websocket.WsSession;

import dev.cyclone.websocket.container.NativeSessions;
import dev.cyclone.websocket.container.ServletContainer;
import dev.cyclone.websocket.container.SessionWriter;
import dev.cyclone.websocket.container.UpgradedConnectionListener;

import org.springframework.util.Assert;
import org.springframework.web.socket.WebSocketSession;

/**
 * The container layer on Tomcat 11. RFC 6455 sessions are Tomcat's {@link WsSession}s,
 * trimmed for idle connections ({@link TomcatSessionFootprint}); their pings and closes
 * can only block, so each is bounded by the send time limit and the close timeout through
 * Tomcat's per-session properties; a session whose peer does not answer its close frame
 * is closed after the close timeout (Tomcat itself would wait 30 s, checked every 10 s).
 */
public final class TomcatContainer implements ServletContainer {

	/** Bounds a blocking send: pings, and a close with 1000. */
	static final String BLOCKING_SEND_TIMEOUT = "org.apache.tomcat.websocket.BLOCKING_SEND_TIMEOUT";

	/** Bounds the send of a close frame with any other code. */
	static final String ABNORMAL_CLOSE_SEND_TIMEOUT = "org.apache.tomcat.websocket.ABNORMAL_SESSION_CLOSE_SEND_TIMEOUT";

	/**
	 * How long Tomcat waits for the answer to a close frame, checked by its background
	 * thread.
	 */
	static final String SESSION_CLOSE_TIMEOUT = "org.apache.tomcat.websocket.SESSION_CLOSE_TIMEOUT";

	/**
	 * The most of a request body read before an upgrade when Tomcat cannot leave it on
	 * the connection.
	 */
	private static final int MAX_BLOCKING_BODY = 8;

	private final Duration sendTimeLimit;

	private final long blockingSendTimeoutMillis;

	private final long closeTimeoutMillis;

	private final OptionalInt connectionLimit;

	private final int messageBufferSize;

	/**
	 * Create the container layer.
	 * @param sendTimeLimit the longest one write may take
	 * @param closeTimeout the longest a closing connection keeps its socket
	 * @param connectionLimit the connector's {@code maxConnections}
	 * ({@code server.tomcat.max-connections}), empty for none
	 * @param messageBufferSize the size of each session's message buffers, in bytes and
	 * in characters, at least {@value TomcatSessionFootprint#MIN_MESSAGE_BUFFER_SIZE}
	 */
	public TomcatContainer(Duration sendTimeLimit, Duration closeTimeout, OptionalInt connectionLimit,
			int messageBufferSize) {
		Assert.isTrue(messageBufferSize >= TomcatSessionFootprint.MIN_MESSAGE_BUFFER_SIZE,
				() -> "cyclone.websocket.message-buffer-size must be at least "
						+ TomcatSessionFootprint.MIN_MESSAGE_BUFFER_SIZE + " bytes, not " + messageBufferSize);
		this.sendTimeLimit = sendTimeLimit;
		this.connectionLimit = connectionLimit;
		this.messageBufferSize = messageBufferSize;
		this.closeTimeoutMillis = Math.max(1, closeTimeout.toMillis());
		this.blockingSendTimeoutMillis = Math.max(1, Math.min(sendTimeLimit.toMillis(), this.closeTimeoutMillis));
	}

	@Override
	public OptionalInt connectionLimit() {
		return this.connectionLimit;
	}

	@Override
	public CompletableFuture<Void> upgrade(HttpServletRequest request, HttpServletResponse response,
			UpgradedConnectionListener listener) throws IOException {
		byte[] body = null;
		long declaredBody = request.getContentLengthLong();
		if (declaredBody > 0 && !RequestBodies.leaveOnConnection(request)) {
			body = request.getInputStream().readNBytes((int) Math.min(declaredBody, MAX_BLOCKING_BODY));
		}
		try {
			request.upgrade(TomcatUpgradeHandler.class).prepare(listener, body);
			return CompletableFuture.completedFuture(null);
		}
		catch (ServletException ex) {
			throw new IOException("Tomcat refused to upgrade " + request.getRequestURI(), ex);
		}
	}

	@Override
	public void sessionOpened(WebSocketSession session) {
		WsSession nativeSession = NativeSessions.of(session, WsSession.class);
		if (nativeSession != null) {
			TomcatSessionFootprint.trim(nativeSession, this.messageBufferSize);
			nativeSession.setMaxIdleTimeout(0);
			Map<String, Object> properties = nativeSession.getUserProperties();
			properties.put(BLOCKING_SEND_TIMEOUT, this.blockingSendTimeoutMillis);
			properties.put(ABNORMAL_CLOSE_SEND_TIMEOUT, this.closeTimeoutMillis);
			properties.put(SESSION_CLOSE_TIMEOUT, this.closeTimeoutMillis);
		}
	}

	@Override
	public void messageArrivesInParts(WebSocketSession session) {
		WsSession nativeSession = NativeSessions.of(session, WsSession.class);
		if (nativeSession != null) {
			TomcatSessionFootprint.restore(nativeSession);
		}
	}

	/**
	 * Straight to the session's socket, or through its asynchronous remote endpoint:
	 * {@link TomcatSessionWriter}.
	 */
	@Override
	public SessionWriter writerFor(WebSocketSession session, Executor blockingCalls) {
		WsSession nativeSession = NativeSessions.of(session, WsSession.class);
		return (nativeSession != null)
				? new TomcatSessionWriter(session, nativeSession, blockingCalls, this.sendTimeLimit)
				: SessionWriter.generic(session, blockingCalls);
	}

	@Override
	public boolean isReleased(WebSocketSession session) {
		WsSession nativeSession = NativeSessions.of(session, WsSession.class);
		return nativeSession == null || nativeSession.isClosed();
	}

	/**
	 * Tomcat closes the socket of a session that sent its close frame when told that the
	 * answer came; a session still sending its close frame closes its socket when that
	 * send fails, within the close timeout.
	 */
	@Override
	public void abort(WebSocketSession session) {
		WsSession nativeSession = NativeSessions.of(session, WsSession.class);
		if (nativeSession != null) {
			nativeSession.onClose(new CloseReason(CloseReason.CloseCodes.GOING_AWAY, "Close timeout"));
		}
	}

}
