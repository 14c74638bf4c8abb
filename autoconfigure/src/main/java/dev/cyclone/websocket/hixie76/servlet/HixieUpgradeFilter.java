package dev.cyclone.websocket.hixie76.servlet;

import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import dev.cyclone.websocket.WebSocketProtocol;
import dev.cyclone.websocket.container.ServletContainer;
import dev.cyclone.websocket.handshake.DispatchedInterceptors;
import dev.cyclone.websocket.handshake.MappedRequestHandlers;
import dev.cyclone.websocket.metrics.WebSocketMetrics;
import dev.cyclone.websocket.hixie76.Hixie76Handshake;
import dev.cyclone.websocket.hixie76.HixieDraft;
import dev.cyclone.websocket.hixie76.HixieResponseHead;
import dev.cyclone.websocket.hixie76.InvalidHandshakeKeyException;

import org.springframework.http.HttpHeaders;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerExecutionChain;
import org.springframework.web.socket.SubProtocolCapable;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.server.support.AbstractHandshakeHandler;
import org.springframework.web.socket.server.support.HandshakeInterceptorChain;
import org.springframework.web.socket.server.support.WebSocketHttpRequestHandler;

/**
 * Serves the legacy Hixie-76 and Hixie-75 handshakes on the paths of the mapped WebSocket handlers, patterns
 * included, with the same handler and the same handshake pipeline as RFC 6455: the origin policy, the handshake
 * interceptors (attributes, principal, {@code forbidConnection}) and subprotocol selection. The container layer
 * takes the connection over after the {@code 101} head: it then holds no thread and can be closed from any thread.
 * Every other request, and legacy handshakes to handlers or drafts that are switched off, pass through untouched.
 */
public final class HixieUpgradeFilter extends OncePerRequestFilter {

	private static final Log logger = LogFactory.getLog(HixieUpgradeFilter.class);

	private final MappedRequestHandlers requestHandlers;

	private final Map<WebSocketHttpRequestHandler, String> legacyHandlers;

	private final WebSocketMetrics metrics;

	private final HixieSettings settings;

	private final ServletContainer container;

	/**
	 * Create the filter.
	 * @param requestHandlers finds the request handler of a path, shared with RFC 6455
	 * @param legacyHandlers the request handlers whose handler accepts the legacy drafts, with their handler's bean
	 * name
	 * @param settings the transport settings
	 * @param container takes over the connections
	 * @param metrics counts refusals
	 */
	public HixieUpgradeFilter(MappedRequestHandlers requestHandlers,
			Map<WebSocketHttpRequestHandler, String> legacyHandlers, HixieSettings settings, ServletContainer container,
			WebSocketMetrics metrics) {
		this.requestHandlers = requestHandlers;
		this.legacyHandlers = legacyHandlers;
		this.settings = settings;
		this.container = container;
		this.metrics = metrics;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		HixieDraft draft = LegacyHandshakeRequest.draftOf(request);
		HandlerExecutionChain match = (draft != null && this.settings.drafts().contains(draft))
				? this.requestHandlers.find(request) : null;
		if (match == null || !(match.getHandler() instanceof WebSocketHttpRequestHandler target)
				|| !this.legacyHandlers.containsKey(target)) {
			chain.doFilter(request, response);
			return;
		}
		DispatchedInterceptors interceptors = new DispatchedInterceptors(match, request, response);
		Exception failure = null;
		try {
			if (interceptors.preHandle()) {
				handshake(draft, target, request, response);
				interceptors.postHandle();
			}
		}
		catch (IOException | ServletException | RuntimeException ex) {
			failure = ex;
			throw ex;
		}
		catch (Exception ex) {
			failure = ex;
			throw new ServletException("Legacy WebSocket handshake failed", ex);
		}
		finally {
			interceptors.afterCompletion(failure);
		}
	}

	private void handshake(HixieDraft draft, WebSocketHttpRequestHandler target, HttpServletRequest request,
			HttpServletResponse response) throws Exception {
		String badBody = LegacyHandshakeRequest.invalidBody(request);
		String badKeys = (badBody == null && draft == HixieDraft.HIXIE_76) ? invalidKeys(request) : null;
		if (badBody != null || badKeys != null) {
			String refusal = (badBody != null) ? badBody : badKeys;
			logger.warn("Refused " + draft.protocolName() + " handshake to " + request.getRequestURI() + " from "
					+ request.getRemoteAddr() + " with 400: " + refusal);
			this.metrics.handshakeRefused(this.legacyHandlers.get(target), (badBody != null) ? "bad-body" : "bad-key");
			response.sendError(HttpServletResponse.SC_BAD_REQUEST, refusal);
			return;
		}
		ServletServerHttpRequest serverRequest = new ServletServerHttpRequest(request);
		ServletServerHttpResponse serverResponse = new ServletServerHttpResponse(response);
		WebSocketHandler handler = target.getWebSocketHandler();
		HandshakeInterceptorChain interceptors = new HandshakeInterceptorChain(target.getHandshakeInterceptors(),
				handler);
		Map<String, Object> attributes = new ConcurrentHashMap<>();
		attributes.put(WebSocketProtocol.SESSION_ATTRIBUTE, draft.protocol());
		if (!interceptors.applyBeforeHandshake(serverRequest, serverResponse, attributes)) {
			serverResponse.close();
			return;
		}
		try {
			HttpHeaders headers = new HttpHeaders();
			headers.addAll(serverRequest.getHeaders());
			HixieHandshake handshake = new HixieHandshake(draft, request.getHeader(LegacyHandshakeRequest.KEY1),
					request.getHeader(LegacyHandshakeRequest.KEY2), serverRequest.getURI(), headers,
					request.getUserPrincipal(), serverRequest.getLocalAddress(), serverRequest.getRemoteAddress(),
					selectSubprotocol(draft, request, target), this.settings);
			HixieWebSocketSession session = new HixieWebSocketSession(handshake, attributes);
			HixieConnection connection = new HixieConnection(handshake, handler, session);
			writeResponseHead(HixieResponseHead.of(draft, serverRequest.getHeaders().getOrigin(), location(request),
					handshake.subprotocol()), response);
			this.container.upgrade(request, response, connection);
		}
		catch (Exception ex) {
			interceptors.applyAfterHandshake(serverRequest, serverResponse, ex);
			throw ex;
		}
		interceptors.applyAfterHandshake(serverRequest, serverResponse, null);
	}

	private static @Nullable String invalidKeys(HttpServletRequest request) {
		for (String name : new String[] { LegacyHandshakeRequest.KEY1, LegacyHandshakeRequest.KEY2 }) {
			String key = request.getHeader(name);
			if (key == null) {
				return name + " is missing";
			}
			try {
				Hixie76Handshake.parseKey(key);
			}
			catch (InvalidHandshakeKeyException ex) {
				return name + " is invalid: " + ex.getMessage();
			}
		}
		return null;
	}

	private static @Nullable String selectSubprotocol(HixieDraft draft, HttpServletRequest request,
			WebSocketHttpRequestHandler target) {
		String requested = request.getHeader(draft.protocolHeader());
		if (requested == null) {
			return null;
		}
		Set<String> supported = new LinkedHashSet<>();
		if (target.getHandshakeHandler() instanceof AbstractHandshakeHandler handshakeHandler) {
			supported.addAll(Arrays.asList(handshakeHandler.getSupportedProtocols()));
		}
		if (target.getWebSocketHandler() instanceof SubProtocolCapable capable) {
			supported.addAll(capable.getSubProtocols());
		}
		for (String candidate : requested.split(",")) {
			for (String protocol : supported) {
				if (protocol.equalsIgnoreCase(candidate.trim())) {
					return protocol;
				}
			}
		}
		return null;
	}

	private static void writeResponseHead(HixieResponseHead head, HttpServletResponse response) {
		response.setStatus(head.status());
		for (Map.Entry<String, String> header : head.headers()) {
			response.setHeader(header.getKey(), header.getValue());
		}
	}

	/**
	 * The WebSocket URL of the request as the request presents itself: scheme, host and port are what the container
	 * says ({@code isSecure()}, {@code getServerName()}, {@code getServerPort()}). Forwarded headers count only
	 * through them, as {@code server.forward-headers-strategy} decides (the container's remote-IP handling, or
	 * Spring's {@code ForwardedHeaderFilter}, which runs before this filter); the filter never reads them itself, so
	 * a client cannot choose the location.
	 */
	static String location(HttpServletRequest request) {
		boolean secure = request.isSecure();
		int port = request.getServerPort();
		boolean defaultPort = port == (secure ? 443 : 80) || port <= 0;
		String query = request.getQueryString();
		return (secure ? "wss://" : "ws://") + request.getServerName() + (defaultPort ? "" : ":" + port)
				+ request.getRequestURI() + ((query != null) ? "?" + query : "");
	}

}
