package dev.cyclone.websocket.hixie76.servlet;

import java.io.IOException;
import java.io.InputStream;
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
import dev.cyclone.websocket.handshake.MappedRequestHandlers;
import dev.cyclone.websocket.metrics.WebSocketMetrics;
import dev.cyclone.websocket.hixie76.Hixie76Handshake;
import dev.cyclone.websocket.hixie76.HixieDraft;
import dev.cyclone.websocket.hixie76.InvalidHandshakeKeyException;

import org.springframework.http.HttpHeaders;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.socket.SubProtocolCapable;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.server.support.AbstractHandshakeHandler;
import org.springframework.web.socket.server.support.HandshakeInterceptorChain;
import org.springframework.web.socket.server.support.WebSocketHttpRequestHandler;
import org.springframework.web.util.ForwardedHeaderUtils;
import org.springframework.web.util.UriComponentsBuilder;

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
		WebSocketHttpRequestHandler target = (draft != null && this.settings.drafts().contains(draft))
				? this.requestHandlers.find(request, response) : null;
		if (target == null || !this.legacyHandlers.containsKey(target)) {
			chain.doFilter(request, response);
			return;
		}
		try {
			handshake(draft, target, request, response);
		}
		catch (IOException | RuntimeException ex) {
			throw ex;
		}
		catch (Exception ex) {
			throw new ServletException("Legacy WebSocket handshake failed", ex);
		}
	}

	private void handshake(HixieDraft draft, WebSocketHttpRequestHandler target, HttpServletRequest request,
			HttpServletResponse response) throws Exception {
		String refusal = (draft == HixieDraft.HIXIE_76) ? invalidKeys(request) : null;
		if (refusal != null) {
			logger.warn("Refused " + draft.protocolName() + " handshake to " + request.getRequestURI() + " from "
					+ request.getRemoteAddr() + ": " + refusal);
			this.metrics.handshakeRefused(this.legacyHandlers.get(target), "bad-key");
			response.sendError(HttpServletResponse.SC_BAD_REQUEST, refusal);
			return;
		}
		byte[] key3 = (draft == HixieDraft.HIXIE_76) ? key3Body(request) : null;
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
		HttpHeaders headers = new HttpHeaders();
		headers.addAll(serverRequest.getHeaders());
		HixieHandshake handshake = new HixieHandshake(draft, request.getHeader(LegacyHandshakeRequest.KEY1),
				request.getHeader(LegacyHandshakeRequest.KEY2), key3, serverRequest.getURI(), headers,
				request.getUserPrincipal(), serverRequest.getLocalAddress(), serverRequest.getRemoteAddress(),
				selectSubprotocol(request, target), this.settings);
		HixieWebSocketSession session = new HixieWebSocketSession(handshake, attributes);
		HixieConnection connection = new HixieConnection(handshake, handler, session);
		writeResponseHead(draft, handshake, serverRequest, response);
		this.container.upgrade(request, response, connection);
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

	/** key3 sent as an 8-byte body announced with {@code Content-Length: 8}, as Netty's client does. */
	private static byte @Nullable [] key3Body(HttpServletRequest request) throws IOException {
		if (request.getContentLengthLong() != Hixie76Handshake.KEY3_LENGTH) {
			return null;
		}
		InputStream body = request.getInputStream();
		byte[] key3 = body.readNBytes(Hixie76Handshake.KEY3_LENGTH);
		return (key3.length == Hixie76Handshake.KEY3_LENGTH) ? key3 : null;
	}

	private static @Nullable String selectSubprotocol(HttpServletRequest request, WebSocketHttpRequestHandler target) {
		String requested = request.getHeader("Sec-WebSocket-Protocol");
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

	private static void writeResponseHead(HixieDraft draft, HixieHandshake handshake,
			ServletServerHttpRequest serverRequest, HttpServletResponse response) {
		response.setStatus(HttpServletResponse.SC_SWITCHING_PROTOCOLS);
		response.setHeader("Upgrade", "WebSocket");
		response.setHeader("Connection", "Upgrade");
		String origin = serverRequest.getHeaders().getOrigin();
		if (origin != null) {
			response.setHeader(draft.originHeader(), origin);
		}
		response.setHeader(draft.locationHeader(), location(serverRequest));
		if (handshake.subprotocol() != null) {
			response.setHeader("Sec-WebSocket-Protocol", handshake.subprotocol());
		}
	}

	/** The WebSocket URL the client asked for, as seen in front of any proxy ({@code X-Forwarded-*}, {@code Forwarded}). */
	private static String location(ServletServerHttpRequest request) {
		UriComponentsBuilder uri = ForwardedHeaderUtils.adaptFromForwardedHeaders(request.getURI(),
				request.getHeaders());
		boolean secure = "https".equalsIgnoreCase(uri.build().getScheme()) || request.getServletRequest().isSecure();
		return uri.scheme(secure ? "wss" : "ws").fragment(null).build().toUriString();
	}

}
