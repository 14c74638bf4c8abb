package dev.cyclone.websocket.hixie76.servlet;

import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import dev.cyclone.websocket.container.ServletContainer;
import dev.cyclone.websocket.hixie76.Hixie76Handshake;
import dev.cyclone.websocket.hixie76.HixieDraft;
import dev.cyclone.websocket.hixie76.HixieResponseHead;
import dev.cyclone.websocket.hixie76.InvalidHandshakeKeyException;
import dev.cyclone.websocket.internal.CompactHeaders;
import dev.cyclone.websocket.metrics.WebSocketMetrics;

import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.web.socket.SubProtocolCapable;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.server.support.AbstractHandshakeHandler;
import org.springframework.web.socket.server.support.HandshakeInterceptorChain;
import org.springframework.web.socket.server.support.WebSocketHttpRequestHandler;

/**
 * Answers one legacy handshake to a mapped handler, with the same pipeline as RFC 6455:
 * the request is checked (keys, body), the handler's handshake interceptors run (origin
 * policy, connection limits, the application's own), a subprotocol is selected, and the
 * container takes the connection over with the draft's {@code 101} head. The handshake
 * interceptors' {@code afterHandshake} runs once the container has taken the connection,
 * or failed to.
 */
final class HixieHandshakeHandler {

	private static final Log logger = LogFactory.getLog(HixieHandshakeHandler.class);

	/**
	 * Room for a handful of session attributes (the handler instance, what interceptors
	 * add) before the map grows: every idle connection keeps the map.
	 */
	private static final int ATTRIBUTES_CAPACITY = 4;

	private final HixieSettings settings;

	private final ServletContainer container;

	private final WebSocketMetrics metrics;

	HixieHandshakeHandler(HixieSettings settings, ServletContainer container, WebSocketMetrics metrics) {
		this.settings = settings;
		this.container = container;
		this.metrics = metrics;
	}

	/**
	 * Answer a handshake.
	 * @param draft the client's draft
	 * @param target the mapped request handler
	 * @param handlerName the handler's bean name
	 * @param request the request
	 * @param response the response
	 * @return completes when the connection is handed over, or when the handshake was
	 * refused (the response says so); exceptionally when the container could not take the
	 * connection over
	 * @throws Exception what a handshake interceptor or the container threw before
	 * anything was sent
	 */
	CompletableFuture<Void> handshake(HixieDraft draft, WebSocketHttpRequestHandler target, String handlerName,
			HttpServletRequest request, HttpServletResponse response) throws Exception {
		String badBody = LegacyHandshakeRequest.invalidBody(request);
		String badKeys = (badBody == null && draft == HixieDraft.HIXIE_76) ? invalidKeys(request) : null;
		if (badBody != null || badKeys != null) {
			String refusal = (badBody != null) ? badBody : badKeys;
			logger.warn("Refused " + draft.protocolName() + " handshake to " + request.getRequestURI() + " from "
					+ request.getRemoteAddr() + " with 400: " + refusal);
			this.metrics.handshakeRefused(handlerName, (badBody != null) ? "bad-body" : "bad-key");
			response.sendError(HttpServletResponse.SC_BAD_REQUEST, refusal);
			return CompletableFuture.completedFuture(null);
		}
		DetachedRequest serverRequest = new DetachedRequest(request);
		ServletServerHttpResponse serverResponse = new ServletServerHttpResponse(response);
		WebSocketHandler handler = target.getWebSocketHandler();
		HandshakeInterceptorChain interceptors = new HandshakeInterceptorChain(target.getHandshakeInterceptors(),
				handler);
		Map<String, Object> attributes = new ConcurrentHashMap<>(ATTRIBUTES_CAPACITY);
		if (!interceptors.applyBeforeHandshake(serverRequest, serverResponse, attributes)) {
			serverResponse.close();
			return CompletableFuture.completedFuture(null);
		}
		CompletableFuture<Void> upgraded;
		try {
			HixieHandshake handshake = new HixieHandshake(draft, request.getHeader(LegacyHandshakeRequest.KEY1),
					request.getHeader(LegacyHandshakeRequest.KEY2), serverRequest.getURI().toString(),
					serverRequest.getHeaders(), request.getUserPrincipal(), serverRequest.getLocalAddress(),
					serverRequest.getRemoteAddress(), selectSubprotocol(draft, request, target), this.settings);
			HixieWebSocketSession session = new HixieWebSocketSession(handshake, attributes);
			HixieConnection connection = new HixieConnection(handshake, handler, session);
			writeResponseHead(HixieResponseHead.of(draft, serverRequest.getHeaders().getOrigin(), location(request),
					handshake.subprotocol()), response);
			upgraded = this.container.upgrade(request, response, connection);
		}
		catch (Exception ex) {
			interceptors.applyAfterHandshake(serverRequest, serverResponse, ex);
			throw ex;
		}
		return upgraded.whenComplete((ignored, failure) -> interceptors.applyAfterHandshake(serverRequest,
				serverResponse, (failure instanceof Exception ex) ? ex : null));
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
	 * The WebSocket URL of the request as the request presents itself: scheme, host and
	 * port are what the container says ({@code isSecure()}, {@code getServerName()},
	 * {@code getServerPort()}). Forwarded headers count only through them, as
	 * {@code server.forward-headers-strategy} decides (the container's remote-IP
	 * handling, or Spring's {@code ForwardedHeaderFilter}, which runs before this
	 * filter); the filter never reads them itself, so a client cannot choose the
	 * location.
	 */
	static String location(HttpServletRequest request) {
		boolean secure = request.isSecure();
		int port = request.getServerPort();
		boolean defaultPort = port == (secure ? 443 : 80) || port <= 0;
		String query = request.getQueryString();
		return (secure ? "wss://" : "ws://") + request.getServerName() + (defaultPort ? "" : ":" + port)
				+ request.getRequestURI() + ((query != null) ? "?" + query : "");
	}

	/**
	 * The request as the interceptors and the connection see it, its headers and
	 * addresses copied once: the connection's session and the handler's {@code request()}
	 * share them (Spring's request reads the headers from the servlet request, which the
	 * container recycles, and makes new addresses on every call).
	 */
	private static final class DetachedRequest extends ServletServerHttpRequest {

		private static final int MAX_LOCAL_ADDRESSES = 64;

		private static final Map<InetSocketAddress, InetSocketAddress> LOCAL_ADDRESSES = new ConcurrentHashMap<>();

		private final InetSocketAddress localAddress;

		private final InetSocketAddress remoteAddress;

		private @Nullable CompactHeaders headers;

		DetachedRequest(HttpServletRequest request) {
			super(request);
			this.localAddress = shared(super.getLocalAddress());
			this.remoteAddress = super.getRemoteAddress();
		}

		/**
		 * The server's addresses are few (its interfaces and ports): every connection on
		 * one shares one object.
		 */
		private static InetSocketAddress shared(InetSocketAddress localAddress) {
			InetSocketAddress known = LOCAL_ADDRESSES.get(localAddress);
			if (known != null) {
				return known;
			}
			if (LOCAL_ADDRESSES.size() < MAX_LOCAL_ADDRESSES) {
				LOCAL_ADDRESSES.putIfAbsent(localAddress, localAddress);
			}
			return localAddress;
		}

		@Override
		public CompactHeaders getHeaders() {
			if (this.headers == null) {
				this.headers = CompactHeaders.copyOf(super.getHeaders());
			}
			return this.headers;
		}

		@Override
		public InetSocketAddress getLocalAddress() {
			return this.localAddress;
		}

		@Override
		public InetSocketAddress getRemoteAddress() {
			return this.remoteAddress;
		}

	}

}
