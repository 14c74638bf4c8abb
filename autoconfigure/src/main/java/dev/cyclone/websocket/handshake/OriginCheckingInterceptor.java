package dev.cyclone.websocket.handshake;

import java.util.Map;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import dev.cyclone.websocket.metrics.WebSocketMetrics;

import org.springframework.http.HttpStatus;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.server.HandshakeInterceptor;

/**
 * The first step of every handshake: refuses a foreign origin with {@code 403} and a log
 * line that names the origin, the path and the handler.
 */
public final class OriginCheckingInterceptor implements HandshakeInterceptor {

	private static final Log logger = LogFactory.getLog(OriginCheckingInterceptor.class);

	private final OriginPolicy policy;

	private final WebSocketMetrics metrics;

	private final String handlerName;

	/**
	 * Create the interceptor of one mapped handler.
	 * @param policy the handler's origin policy
	 * @param metrics counts refusals
	 * @param handlerName the handler's bean name, for the log
	 */
	public OriginCheckingInterceptor(OriginPolicy policy, WebSocketMetrics metrics, String handlerName) {
		this.policy = policy;
		this.metrics = metrics;
		this.handlerName = handlerName;
	}

	@Override
	public boolean beforeHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler wsHandler,
			Map<String, Object> attributes) {
		if (this.policy.allows(request)) {
			return true;
		}
		logger.warn("Refused WebSocket handshake from origin '" + request.getHeaders().getOrigin() + "' to "
				+ request.getURI().getPath() + " (handler '" + this.handlerName + "'): origin not allowed ("
				+ this.policy + ")");
		this.metrics.handshakeRefused(this.handlerName, "origin");
		response.setStatusCode(HttpStatus.FORBIDDEN);
		return false;
	}

	@Override
	public void afterHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler wsHandler,
			@Nullable Exception exception) {
	}

}
