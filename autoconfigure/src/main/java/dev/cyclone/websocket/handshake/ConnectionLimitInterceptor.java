package dev.cyclone.websocket.handshake;

import java.util.Map;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.server.HandshakeInterceptor;

/**
 * Refuses a handshake with {@code 503} while the global or the handler's connection maximum is reached, before any
 * handler code runs.
 */
public final class ConnectionLimitInterceptor implements HandshakeInterceptor {

	private static final Log logger = LogFactory.getLog(ConnectionLimitInterceptor.class);

	private final ConnectionLimits limits;

	private final String handlerName;

	/**
	 * Create the interceptor of one mapped handler.
	 * @param limits the shared limits
	 * @param handlerName the handler's bean name
	 */
	public ConnectionLimitInterceptor(ConnectionLimits limits, String handlerName) {
		this.limits = limits;
		this.handlerName = handlerName;
	}

	@Override
	public boolean beforeHandshake(ServerHttpRequest request, ServerHttpResponse response,
			WebSocketHandler wsHandler, Map<String, Object> attributes) {
		String limit = this.limits.limitReached(this.handlerName);
		if (limit == null) {
			return true;
		}
		logger.warn("Refused WebSocket handshake to " + request.getURI().getPath() + " from "
				+ request.getRemoteAddress() + " with 503: " + limit + " is reached");
		response.setStatusCode(HttpStatus.SERVICE_UNAVAILABLE);
		return false;
	}

	@Override
	public void afterHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler wsHandler,
			@Nullable Exception exception) {
	}

}
