package dev.cyclone.websocket.hixie76.servlet;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import dev.cyclone.websocket.container.ServletContainer;
import dev.cyclone.websocket.handshake.DispatchedInterceptors;
import dev.cyclone.websocket.handshake.MappedRequestHandlers;
import dev.cyclone.websocket.hixie76.HixieDraft;
import dev.cyclone.websocket.metrics.WebSocketMetrics;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.server.RequestPath;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.HandlerExecutionChain;
import org.springframework.web.socket.server.support.WebSocketHttpRequestHandler;
import org.springframework.web.util.ServletRequestPathUtils;

/**
 * Serves the legacy Hixie-76 and Hixie-75 handshakes on the paths of the mapped WebSocket
 * handlers, patterns included, as {@code DispatcherServlet} serves RFC 6455 ones: with
 * the parsed request path in place, the MVC interceptors of the path around the
 * handshake, and the application's exception resolvers for what they or the handshake
 * throw. The handshake itself ({@link HixieHandshakeHandler}) has the same pipeline as
 * RFC 6455; the container layer then takes the connection over, holds no thread and can
 * close it from any thread. Every other request, and legacy handshakes to handlers or
 * drafts that are switched off, pass through untouched.
 */
public final class HixieUpgradeFilter extends OncePerRequestFilter {

	private final MappedRequestHandlers requestHandlers;

	private final Map<WebSocketHttpRequestHandler, String> legacyHandlers;

	private final HixieSettings settings;

	private final HixieHandshakeHandler handshakeHandler;

	private final ObjectProvider<HandlerExceptionResolver> exceptionResolvers;

	/**
	 * Create the filter.
	 * @param requestHandlers finds the request handler of a path, shared with RFC 6455
	 * @param legacyHandlers the request handlers whose handler accepts the legacy drafts,
	 * with their handler's bean name
	 * @param settings the transport settings
	 * @param container takes over the connections
	 * @param metrics counts refusals
	 * @param exceptionResolvers the application's exception resolvers, looked up in their
	 * order when needed
	 */
	public HixieUpgradeFilter(MappedRequestHandlers requestHandlers,
			Map<WebSocketHttpRequestHandler, String> legacyHandlers, HixieSettings settings, ServletContainer container,
			WebSocketMetrics metrics, ObjectProvider<HandlerExceptionResolver> exceptionResolvers) {
		this.requestHandlers = requestHandlers;
		this.legacyHandlers = legacyHandlers;
		this.settings = settings;
		this.handshakeHandler = new HixieHandshakeHandler(settings, container, metrics);
		this.exceptionResolvers = exceptionResolvers;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		HixieDraft draft = LegacyHandshakeRequest.draftOf(request);
		if (draft == null || !this.settings.drafts().contains(draft)) {
			chain.doFilter(request, response);
			return;
		}
		RequestPath previousPath = (RequestPath) request.getAttribute(ServletRequestPathUtils.PATH_ATTRIBUTE);
		ServletRequestPathUtils.parseAndCache(request);
		try {
			HandlerExecutionChain match = this.requestHandlers.find(request);
			if (match != null && match.getHandler() instanceof WebSocketHttpRequestHandler target
					&& this.legacyHandlers.containsKey(target)) {
				dispatch(draft, match, target, request, response);
			}
			else {
				chain.doFilter(request, response);
			}
		}
		finally {
			ServletRequestPathUtils.setParsedRequestPath(previousPath, request);
		}
	}

	/**
	 * Run the handshake between the interceptors as {@code DispatcherServlet} runs a
	 * handler: an exception before the upgrade goes to the exception resolvers (and is
	 * thrown on when none resolves it), and {@code postHandle} and
	 * {@code afterCompletion} follow the upgrade, which on Jetty may complete after this
	 * method returns (when key3 is a request body still on its way).
	 */
	private void dispatch(HixieDraft draft, HandlerExecutionChain match, WebSocketHttpRequestHandler target,
			HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
		DispatchedInterceptors interceptors = new DispatchedInterceptors(match, request, response);
		CompletableFuture<Void> upgraded;
		try {
			if (!interceptors.preHandle()) {
				return;
			}
			upgraded = this.handshakeHandler.handshake(draft, target, this.legacyHandlers.get(target), request,
					response);
		}
		catch (Exception ex) {
			resolveOrRethrow(ex, target, interceptors, request, response);
			return;
		}
		catch (Error err) {
			interceptors.afterCompletion(new ServletException("Handler processing failed: " + err, err));
			throw err;
		}
		upgraded.whenComplete((ignored, failure) -> interceptors.completed(failure));
	}

	private void resolveOrRethrow(Exception failure, Object handler, DispatchedInterceptors interceptors,
			HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
		for (HandlerExceptionResolver resolver : this.exceptionResolvers.orderedStream().toList()) {
			if (resolver.resolveException(request, response, handler, failure) != null) {
				interceptors.afterCompletion(null);
				return;
			}
		}
		interceptors.afterCompletion(failure);
		if (failure instanceof IOException io) {
			throw io;
		}
		if (failure instanceof ServletException servlet) {
			throw servlet;
		}
		if (failure instanceof RuntimeException runtime) {
			throw runtime;
		}
		throw new ServletException("Legacy WebSocket handshake failed", failure);
	}

}
