package dev.cyclone.websocket.handshake;

import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.WebSocketHandlerDecorator;

/**
 * Counts the connections of one mapped handler in {@link ConnectionLimits} from the moment they open until they
 * close.
 */
public final class ConnectionCountingHandler extends WebSocketHandlerDecorator {

	private final ConnectionLimits limits;

	private final String handlerName;

	/**
	 * Decorate a handler.
	 * @param delegate the handler
	 * @param limits the shared limits
	 * @param handlerName the handler's bean name
	 */
	public ConnectionCountingHandler(WebSocketHandler delegate, ConnectionLimits limits, String handlerName) {
		super(delegate);
		this.limits = limits;
		this.handlerName = handlerName;
	}

	@Override
	public void afterConnectionEstablished(WebSocketSession session) throws Exception {
		this.limits.opened(this.handlerName);
		super.afterConnectionEstablished(session);
	}

	@Override
	public void afterConnectionClosed(WebSocketSession session, CloseStatus closeStatus) throws Exception {
		this.limits.closed(this.handlerName);
		super.afterConnectionClosed(session, closeStatus);
	}

}
