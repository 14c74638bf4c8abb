package dev.cyclone.websocket.adapter;

import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import dev.cyclone.websocket.CloseReason;
import dev.cyclone.websocket.HandshakeRequest;
import dev.cyclone.websocket.WebSocketConnection;
import dev.cyclone.websocket.WebSocketHandler;
import dev.cyclone.websocket.WebSocketProtocol;
import dev.cyclone.websocket.internal.HandlerCallbacks;

import org.springframework.util.StringUtils;
import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.PingMessage;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.WebSocketSession;

/**
 * A Spring {@link WebSocketSession} seen as a cyclone {@link WebSocketConnection}, with
 * its handler instance. Runs the handler's callbacks one at a time, turns a callback's
 * exception into a 1011 close, and reports the end of the connection to the handler
 * exactly once.
 */
final class SessionConnection implements WebSocketConnection {

	private static final Log logger = LogFactory.getLog(SessionConnection.class);

	private final OutboundSession session;

	private final WebSocketHandler handler;

	private final HandlerInstances instances;

	private final String handlerName;

	private final WebSocketProtocol protocol;

	private final ConnectionSettings settings;

	private final ReentrantLock callbackLock = new ReentrantLock();

	private final AtomicBoolean lost = new AtomicBoolean();

	SessionConnection(OutboundSession session, WebSocketHandler handler, HandlerInstances instances, String handlerName,
			ConnectionSettings settings) {
		this.session = session;
		this.handler = handler;
		this.instances = instances;
		this.handlerName = handlerName;
		this.protocol = session.protocol();
		this.settings = settings;
	}

	@Override
	public String id() {
		return this.session.getId();
	}

	@Override
	public WebSocketProtocol protocol() {
		return this.protocol;
	}

	@Override
	public HandshakeRequest request() {
		return this.handler.request();
	}

	@Override
	public @Nullable String subprotocol() {
		String accepted = this.session.getAcceptedProtocol();
		return StringUtils.hasText(accepted) ? accepted : null;
	}

	@Override
	public Map<String, Object> attributes() {
		return this.session.getAttributes();
	}

	@Override
	public boolean isOpen() {
		return this.session.isOpen();
	}

	@Override
	public boolean sendText(String text) {
		return send(new TextMessage(text));
	}

	@Override
	public boolean sendBinary(byte[] data) {
		if (this.protocol != WebSocketProtocol.RFC_6455) {
			throw new UnsupportedOperationException("Connection " + id() + " speaks " + this.protocol
					+ ", which has no binary messages; binary messages need RFC 6455");
		}
		return send(new BinaryMessage(data));
	}

	private boolean send(WebSocketMessage<?> message) {
		return this.session.offer(message);
	}

	@Override
	public boolean ping(byte[] payload) {
		return this.protocol == WebSocketProtocol.RFC_6455 && send(new PingMessage(ByteBuffer.wrap(payload)));
	}

	@Override
	public boolean sendJson(Object value) {
		return sendText(this.settings.jsonMapper().writeValueAsString(value));
	}

	@Override
	public void close(CloseReason reason) {
		CloseReason.requireSendable(reason.code(), reason.reason());
		this.session.close(reason.toCloseStatus());
	}

	WebSocketHandler handler() {
		return this.handler;
	}

	@Override
	public String handlerName() {
		return this.handlerName;
	}

	/** Run {@code connectionMade} and register the connection. */
	void open() {
		this.settings.openConnections().add(this);
		invoke("connectionMade", (handler) -> HandlerCallbacks.get().connectionMade(handler, this));
	}

	/**
	 * Run one callback of the handler unless the connection is already lost. Callbacks of
	 * this connection never overlap. An exception closes the connection with 1011.
	 * @param callbackName the callback's name, for the log
	 * @param callback the callback
	 */
	void invoke(String callbackName, Consumer<WebSocketHandler> callback) {
		this.callbackLock.lock();
		try {
			if (!this.lost.get()) {
				callback.accept(this.handler);
			}
		}
		catch (RuntimeException ex) {
			logger.error("Handler '" + this.handlerName + "' (" + this.handler.getClass().getName() + ") threw from "
					+ callbackName + "; closing connection " + id() + " with 1011", ex);
			this.session.closeNow(CloseReason.SERVER_ERROR.withReason("Internal server error").toCloseStatus());
		}
		finally {
			this.callbackLock.unlock();
		}
	}

	/**
	 * The connection is gone: drop what is queued, unregister, and run
	 * {@code connectionLost} once, whatever reports the end first (the transport, or the
	 * shutdown).
	 * @param reason why the connection ended
	 */
	void lost(CloseReason reason) {
		if (!this.lost.compareAndSet(false, true)) {
			return;
		}
		this.session.discard();
		this.callbackLock.lock();
		try {
			HandlerCallbacks.get().connectionLost(this.handler, reason);
		}
		catch (RuntimeException ex) {
			logger.error("Handler '" + this.handlerName + "' (" + this.handler.getClass().getName()
					+ ") threw from connectionLost of connection " + id(), ex);
		}
		finally {
			this.instances.destroy(this.handler);
			this.callbackLock.unlock();
			this.settings.openConnections().remove(this);
		}
	}

	/**
	 * The transport reports the end of the connection. A close the server started is
	 * reported with the server's status, as Tomcat does; Jetty reports the status of the
	 * peer's answer, or 1006 when there was none.
	 * @param reported the status the transport reports
	 */
	void closed(CloseStatus reported) {
		CloseStatus sent = this.session.sentClose();
		lost(CloseReason.of((sent != null) ? sent : reported));
	}

	/**
	 * Close with the given reason and report the end to the handler without waiting for
	 * the transport.
	 */
	void abort(CloseReason reason) {
		this.session.closeNow(reason.toCloseStatus());
		lost(reason);
	}

	@Override
	public String toString() {
		return "Connection " + id() + " (" + this.protocol + ", handler '" + this.handlerName + "')";
	}

}
