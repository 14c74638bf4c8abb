package dev.cyclone.websocket.adapter;

import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import dev.cyclone.websocket.WebSocketHandler;
import dev.cyclone.websocket.internal.HandlerCallbacks;
import dev.cyclone.websocket.metrics.WebSocketMetrics;

import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.PongMessage;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.WebSocketSession;

/**
 * The Spring {@link org.springframework.web.socket.WebSocketHandler} that serves one
 * mapped cyclone {@link WebSocketHandler} bean: a fresh handler instance per connection
 * (made during the handshake by {@link HandlerInstantiatingInterceptor}), callbacks run
 * one at a time, sends through a bounded asynchronous queue. Works the same for every
 * transport that presents a Spring {@link WebSocketSession}.
 */
public final class CycloneHandlerAdapter implements org.springframework.web.socket.WebSocketHandler {

	private static final Log logger = LogFactory.getLog(CycloneHandlerAdapter.class);

	/**
	 * Session attribute carrying the handler instance from the handshake to the open
	 * connection.
	 */
	static final String HANDLER_ATTRIBUTE = CycloneHandlerAdapter.class.getName() + ".handler";

	private final String handlerName;

	private final HandlerInstances instances;

	private final ConnectionSettings settings;

	/**
	 * The open connections, kept here rather than in the session's attributes, which are
	 * the application's.
	 */
	private final Map<WebSocketSession, SessionConnection> connections = new ConcurrentHashMap<>();

	/**
	 * Create an adapter.
	 * @param handlerName the handler's bean name, for logs
	 * @param instances makes a handler instance per connection and destroys it after
	 * @param settings what the connections share
	 */
	public CycloneHandlerAdapter(String handlerName, HandlerInstances instances, ConnectionSettings settings) {
		this.handlerName = handlerName;
		this.instances = instances;
		this.settings = settings;
	}

	/**
	 * @return the handler's bean name
	 */
	public String handlerName() {
		return this.handlerName;
	}

	WebSocketMetrics metrics() {
		return this.settings.metrics();
	}

	HandlerInstances instances() {
		return this.instances;
	}

	@Override
	public void afterConnectionEstablished(WebSocketSession session) {
		if (!(session.getAttributes().remove(HANDLER_ATTRIBUTE) instanceof WebSocketHandler handler)) {
			throw new IllegalStateException(
					"No handler instance for connection " + session.getId() + " of '" + this.handlerName
							+ "': its handshake must run " + HandlerInstantiatingInterceptor.class.getName());
		}
		OutboundSession outbound = OutboundSession.of(session, this.handlerName, this.settings);
		SessionConnection connection = new SessionConnection(outbound, handler, this.instances, this.handlerName,
				this.settings);
		this.connections.put(session, connection);
		connection.open();
	}

	@Override
	public void handleMessage(WebSocketSession session, WebSocketMessage<?> message) {
		SessionConnection connection = connection(session);
		if (connection == null) {
			return;
		}
		if (message instanceof TextMessage text) {
			connection.invoke("messageReceived",
					(handler) -> HandlerCallbacks.get().messageReceived(handler, text.getPayload()));
		}
		else if (message instanceof BinaryMessage binary) {
			byte[] data = bytes(binary);
			connection.invoke("binaryMessageReceived",
					(handler) -> HandlerCallbacks.get().binaryMessageReceived(handler, data));
		}
		else if (message instanceof PongMessage pong) {
			byte[] payload = bytes(pong);
			connection.invoke("pongReceived", (handler) -> HandlerCallbacks.get().pongReceived(handler, payload));
		}
	}

	private static byte[] bytes(WebSocketMessage<ByteBuffer> message) {
		byte[] data = new byte[message.getPayloadLength()];
		message.getPayload().duplicate().get(data);
		return data;
	}

	@Override
	public void handleTransportError(WebSocketSession session, Throwable exception) {
		if (logger.isDebugEnabled()) {
			logger.debug("Transport error on connection " + session.getId() + " of handler '" + this.handlerName + "'",
					exception);
		}
	}

	@Override
	public void afterConnectionClosed(WebSocketSession session, CloseStatus closeStatus) {
		SessionConnection connection = this.connections.remove(session);
		if (connection != null) {
			connection.closed(closeStatus);
		}
	}

	@Override
	public boolean supportsPartialMessages() {
		return false;
	}

	private @Nullable SessionConnection connection(WebSocketSession session) {
		return this.connections.get(session);
	}

	@Override
	public String toString() {
		return "CycloneHandlerAdapter[" + this.handlerName + "]";
	}

}
