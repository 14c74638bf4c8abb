package dev.cyclone.websocket.handshake;

import java.util.Map;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import dev.cyclone.websocket.adapter.OpenConnections;
import dev.cyclone.websocket.metrics.WebSocketMetrics;

import org.springframework.http.HttpStatus;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.server.HandshakeInterceptor;

/**
 * Refuses a handshake with {@code 503}, before any handler code runs, while the
 * application shuts down or the global or the handler's connection maximum is reached.
 */
public final class ConnectionLimitInterceptor implements HandshakeInterceptor {

	private static final Log logger = LogFactory.getLog(ConnectionLimitInterceptor.class);

	private final ConnectionLimits limits;

	private final OpenConnections openConnections;

	private final WebSocketMetrics metrics;

	private final String handlerName;

	/**
	 * Create the interceptor of one mapped handler.
	 * @param limits the shared limits
	 * @param openConnections tells whether the application still accepts connections
	 * @param metrics counts refusals
	 * @param handlerName the handler's bean name
	 */
	public ConnectionLimitInterceptor(ConnectionLimits limits, OpenConnections openConnections,
			WebSocketMetrics metrics, String handlerName) {
		this.limits = limits;
		this.openConnections = openConnections;
		this.metrics = metrics;
		this.handlerName = handlerName;
	}

	@Override
	public boolean beforeHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler wsHandler,
			Map<String, Object> attributes) {
		boolean accepting = this.openConnections.isAcceptingConnections();
		String refusal = accepting ? limitReached() : "the application is shutting down";
		if (refusal == null) {
			return true;
		}
		this.metrics.handshakeRefused(this.handlerName, accepting ? "limit" : "shutdown");
		logger.warn("Refused WebSocket handshake to " + request.getURI().getPath() + " from "
				+ request.getRemoteAddress() + " with 503: " + refusal);
		response.setStatusCode(HttpStatus.SERVICE_UNAVAILABLE);
		return false;
	}

	private @Nullable String limitReached() {
		String limit = this.limits.limitReached(this.handlerName);
		return (limit != null) ? limit + " is reached" : null;
	}

	@Override
	public void afterHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler wsHandler,
			@Nullable Exception exception) {
	}

}
