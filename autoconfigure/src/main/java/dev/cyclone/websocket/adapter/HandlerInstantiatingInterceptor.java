package dev.cyclone.websocket.adapter;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import dev.cyclone.websocket.HandshakeRequest;
import dev.cyclone.websocket.WebSocketHandler;
import dev.cyclone.websocket.internal.HandlerCallbacks;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.socket.server.HandshakeInterceptor;

/**
 * The last step of the handshake of a cyclone handler: makes the connection's handler
 * instance, lets it look at the request in {@code headersReceived()} and refuse it with
 * {@code 403} through {@code forbidConnection}.
 */
public final class HandlerInstantiatingInterceptor implements HandshakeInterceptor {

	private static final Log logger = LogFactory.getLog(HandlerInstantiatingInterceptor.class);

	private final CycloneHandlerAdapter adapter;

	/**
	 * Create the interceptor of one mapped handler.
	 * @param adapter the adapter that serves the handler's connections
	 */
	public HandlerInstantiatingInterceptor(CycloneHandlerAdapter adapter) {
		this.adapter = adapter;
	}

	@Override
	public boolean beforeHandshake(ServerHttpRequest request, ServerHttpResponse response,
			org.springframework.web.socket.WebSocketHandler wsHandler, Map<String, Object> attributes) {
		WebSocketHandler handler = this.adapter.instances().create();
		HandshakeRequest handshake = HandshakeRequests.from(request);
		String forbidden = HandlerCallbacks.get().handshake(handler, handshake);
		if (forbidden != null) {
			logger.info("Handler '" + this.adapter.handlerName() + "' forbade the connection to " + handshake.path()
					+ " from " + handshake.remoteAddress() + ": " + forbidden);
			this.adapter.metrics().handshakeRefused(this.adapter.handlerName(), "forbidden");
			refuse(response, HttpStatus.FORBIDDEN, forbidden);
			this.adapter.instances().destroy(handler);
			return false;
		}
		attributes.put(CycloneHandlerAdapter.HANDLER_ATTRIBUTE, handler);
		return true;
	}

	@Override
	public void afterHandshake(ServerHttpRequest request, ServerHttpResponse response,
			org.springframework.web.socket.WebSocketHandler wsHandler, @Nullable Exception exception) {
	}

	private static void refuse(ServerHttpResponse response, HttpStatus status, String message) {
		response.setStatusCode(status);
		response.getHeaders().setContentType(new MediaType(MediaType.TEXT_PLAIN, StandardCharsets.UTF_8));
		try {
			response.getBody().write(message.getBytes(StandardCharsets.UTF_8));
		}
		catch (java.io.IOException ex) {
			logger.debug("Could not write the refusal body", ex);
		}
	}

}
