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
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.web.socket.server.HandshakeInterceptor;

/**
 * The last step of the handshake of a cyclone handler: makes the connection's handler
 * instance, lets it look at the request in {@code headersReceived()} and refuse it with
 * {@code 403} through {@code forbidConnection}.
 */
public final class HandlerInstantiatingInterceptor implements HandshakeInterceptor {

	private static final Log logger = LogFactory.getLog(HandlerInstantiatingInterceptor.class);

	/** Request attribute holding the instance until the handshake is over. */
	private static final String PENDING_HANDLER_ATTRIBUTE = HandlerInstantiatingInterceptor.class.getName()
			+ ".handler";

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
		String forbidden;
		try {
			forbidden = HandlerCallbacks.get().handshake(handler, handshake);
		}
		catch (RuntimeException ex) {
			this.adapter.instances().destroy(handler);
			throw ex;
		}
		if (forbidden != null) {
			logger.info("Handler '" + this.adapter.handlerName() + "' forbade the connection to " + handshake.path()
					+ " from " + handshake.remoteAddress() + ": " + forbidden);
			this.adapter.metrics().handshakeRefused(this.adapter.handlerName(), "forbidden");
			refuse(response, HttpStatus.FORBIDDEN, forbidden);
			this.adapter.instances().destroy(handler);
			return false;
		}
		attributes.put(CycloneHandlerAdapter.HANDLER_ATTRIBUTE, handler);
		if (request instanceof ServletServerHttpRequest servletRequest) {
			servletRequest.getServletRequest().setAttribute(PENDING_HANDLER_ATTRIBUTE, handler);
		}
		return true;
	}

	/**
	 * Destroy the instance of a handshake that failed after this interceptor accepted it
	 * (a request the handshake handler answers with {@code 400}, a failed upgrade): it
	 * will never serve a connection.
	 */
	@Override
	public void afterHandshake(ServerHttpRequest request, ServerHttpResponse response,
			org.springframework.web.socket.WebSocketHandler wsHandler, @Nullable Exception exception) {
		if (!(request instanceof ServletServerHttpRequest servletRequest) || !(servletRequest.getServletRequest()
			.getAttribute(PENDING_HANDLER_ATTRIBUTE) instanceof WebSocketHandler handler)) {
			return;
		}
		servletRequest.getServletRequest().removeAttribute(PENDING_HANDLER_ATTRIBUTE);
		boolean upgraded = response instanceof ServletServerHttpResponse servletResponse
				&& servletResponse.getServletResponse().getStatus() == HttpStatus.SWITCHING_PROTOCOLS.value();
		if (exception != null || !upgraded) {
			this.adapter.instances().destroy(handler);
		}
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
