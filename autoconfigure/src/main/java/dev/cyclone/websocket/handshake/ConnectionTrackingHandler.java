package dev.cyclone.websocket.handshake;

import dev.cyclone.websocket.WebSocketProtocol;
import dev.cyclone.websocket.adapter.MessageSizes;
import dev.cyclone.websocket.metrics.WebSocketMetrics;

import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.WebSocketHandlerDecorator;

/**
 * Tells {@link ConnectionLimits}, {@link ConnectionSupervisor} and the metrics about the connections of one mapped
 * handler: counted from the moment they open until they close, watched and measured for inbound traffic. Their
 * lifetime is the starter's to decide: the supervisor has the container layer switch the container's own idle
 * timeout off.
 */
public final class ConnectionTrackingHandler extends WebSocketHandlerDecorator {

	private final ConnectionLimits limits;

	private final ConnectionSupervisor supervisor;

	private final WebSocketMetrics metrics;

	private final String handlerName;

	/**
	 * Decorate a handler.
	 * @param delegate the handler
	 * @param limits the shared limits
	 * @param supervisor the shared idle and keepalive supervisor
	 * @param metrics records connections and inbound messages
	 * @param handlerName the handler's bean name
	 */
	public ConnectionTrackingHandler(WebSocketHandler delegate, ConnectionLimits limits,
			ConnectionSupervisor supervisor, WebSocketMetrics metrics, String handlerName) {
		super(delegate);
		this.limits = limits;
		this.supervisor = supervisor;
		this.metrics = metrics;
		this.handlerName = handlerName;
	}

	@Override
	public void afterConnectionEstablished(WebSocketSession session) throws Exception {
		WebSocketProtocol protocol = WebSocketProtocol.of(session.getAttributes());
		this.limits.opened(this.handlerName, protocol);
		this.metrics.connectionOpened(this.handlerName, protocol);
		this.supervisor.opened(session);
		super.afterConnectionEstablished(session);
	}

	@Override
	public void handleMessage(WebSocketSession session, WebSocketMessage<?> message) throws Exception {
		this.supervisor.received(session);
		if (message instanceof TextMessage || message instanceof BinaryMessage) {
			this.metrics.received(this.handlerName, WebSocketProtocol.of(session.getAttributes()),
					MessageSizes.of(message), message.isLast());
		}
		super.handleMessage(session, message);
	}

	@Override
	public void afterConnectionClosed(WebSocketSession session, CloseStatus closeStatus) throws Exception {
		WebSocketProtocol protocol = WebSocketProtocol.of(session.getAttributes());
		this.limits.closed(this.handlerName, protocol);
		this.supervisor.closed(session);
		this.metrics.connectionClosed(this.handlerName, protocol, closeStatus.getCode());
		super.afterConnectionClosed(session, closeStatus);
	}

}
