package dev.cyclone.websocket.handshake;

import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.WebSocketHandlerDecorator;

/**
 * Tells {@link ConnectionLimits} and {@link ConnectionSupervisor} about the connections of one mapped handler:
 * counted from the moment they open until they close, and watched for inbound traffic.
 */
public final class ConnectionTrackingHandler extends WebSocketHandlerDecorator {

	private final ConnectionLimits limits;

	private final ConnectionSupervisor supervisor;

	private final String handlerName;

	/**
	 * Decorate a handler.
	 * @param delegate the handler
	 * @param limits the shared limits
	 * @param supervisor the shared idle and keepalive supervisor
	 * @param handlerName the handler's bean name
	 */
	public ConnectionTrackingHandler(WebSocketHandler delegate, ConnectionLimits limits,
			ConnectionSupervisor supervisor, String handlerName) {
		super(delegate);
		this.limits = limits;
		this.supervisor = supervisor;
		this.handlerName = handlerName;
	}

	@Override
	public void afterConnectionEstablished(WebSocketSession session) throws Exception {
		this.limits.opened(this.handlerName);
		if (this.supervisor.isActive()) {
			this.supervisor.opened(session);
		}
		super.afterConnectionEstablished(session);
	}

	@Override
	public void handleMessage(WebSocketSession session, WebSocketMessage<?> message) throws Exception {
		this.supervisor.received(session);
		super.handleMessage(session, message);
	}

	@Override
	public void afterConnectionClosed(WebSocketSession session, CloseStatus closeStatus) throws Exception {
		this.limits.closed(this.handlerName);
		this.supervisor.closed(session);
		super.afterConnectionClosed(session, closeStatus);
	}

}
