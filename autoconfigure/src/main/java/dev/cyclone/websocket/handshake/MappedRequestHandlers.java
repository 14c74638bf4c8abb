package dev.cyclone.websocket.handshake;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.web.servlet.HandlerExecutionChain;
import org.springframework.web.socket.server.support.WebSocketHandlerMapping;
import org.springframework.web.socket.server.support.WebSocketHttpRequestHandler;
import org.springframework.web.util.ServletRequestPathUtils;

/**
 * Finds, for a servlet filter, the WebSocket request handler mapped to a request's path
 * with the same path patterns (relative to the context path) as the RFC 6455 mapping,
 * with the MVC interceptors that apply to it, and exposes the path variables of the
 * matched pattern. Finding runs no interceptor: whoever serves the request runs them
 * ({@link DispatchedInterceptors}), once.
 */
public final class MappedRequestHandlers {

	private final WebSocketHandlerMapping handlerMapping;

	/**
	 * Create the lookup.
	 * @param handlerMapping the mapping of the configured handlers
	 */
	public MappedRequestHandlers(WebSocketHandlerMapping handlerMapping) {
		this.handlerMapping = handlerMapping;
	}

	/**
	 * The request handler mapped to the request's path and its interceptors.
	 * @param request the request
	 * @return the chain of a {@link WebSocketHttpRequestHandler}, or {@code null} when
	 * the path is not mapped
	 * @throws ServletException when the mapping fails
	 */
	public @Nullable HandlerExecutionChain find(HttpServletRequest request) throws ServletException {
		boolean parsed = ServletRequestPathUtils.hasParsedRequestPath(request);
		if (!parsed) {
			ServletRequestPathUtils.parseAndCache(request);
		}
		try {
			HandlerExecutionChain match = this.handlerMapping.getHandler(request);
			return (match != null && match.getHandler() instanceof WebSocketHttpRequestHandler) ? match : null;
		}
		catch (Exception ex) {
			throw new ServletException("Could not match " + request.getRequestURI() + " to a WebSocket handler", ex);
		}
		finally {
			if (!parsed) {
				ServletRequestPathUtils.clearParsedRequestPath(request);
			}
		}
	}

}
