package dev.cyclone.websocket.handshake;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.web.servlet.HandlerExecutionChain;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.socket.server.support.WebSocketHandlerMapping;
import org.springframework.web.socket.server.support.WebSocketHttpRequestHandler;
import org.springframework.web.util.ServletRequestPathUtils;

/**
 * Finds, for a servlet filter, the WebSocket request handler mapped to a request's path with the same path
 * patterns (relative to the context path) as the RFC 6455 mapping, and runs the mapping's interceptors as the
 * dispatcher would, which exposes the path variables of the matched pattern.
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
	 * The request handler mapped to the request's path.
	 * @param request the request
	 * @param response the response
	 * @return the request handler, or {@code null} when the path is not mapped
	 * @throws ServletException when the mapping fails
	 */
	public @Nullable WebSocketHttpRequestHandler find(HttpServletRequest request, HttpServletResponse response)
			throws ServletException {
		boolean parsed = ServletRequestPathUtils.hasParsedRequestPath(request);
		if (!parsed) {
			ServletRequestPathUtils.parseAndCache(request);
		}
		try {
			HandlerExecutionChain match = this.handlerMapping.getHandler(request);
			if (match == null || !(match.getHandler() instanceof WebSocketHttpRequestHandler requestHandler)) {
				return null;
			}
			for (HandlerInterceptor interceptor : match.getInterceptorList()) {
				interceptor.preHandle(request, response, requestHandler);
			}
			return requestHandler;
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
