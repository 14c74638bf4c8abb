package dev.cyclone.websocket.adapter;

import java.util.Map;
import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletRequest;

import dev.cyclone.websocket.HandshakeRequest;

import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.web.servlet.HandlerMapping;

/**
 * Builds the {@link HandshakeRequest} a handler sees from the handshake.
 */
final class HandshakeRequests {

	private HandshakeRequests() {
	}

	static HandshakeRequest from(ServerHttpRequest request) {
		return new HandshakeRequest(request.getURI(), request.getHeaders(), request.getPrincipal(),
				pathVariables(request), request.getRemoteAddress());
	}

	private static Map<String, String> pathVariables(ServerHttpRequest request) {
		if (request instanceof ServletServerHttpRequest servletRequest) {
			HttpServletRequest servlet = servletRequest.getServletRequest();
			Object variables = servlet.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
			if (variables instanceof Map<?, ?> map) {
				return stringMap(map);
			}
		}
		return Map.of();
	}

	private static Map<String, String> stringMap(Map<?, ?> map) {
		return map.entrySet()
			.stream()
			.collect(Collectors.toUnmodifiableMap((entry) -> String.valueOf(entry.getKey()),
					(entry) -> String.valueOf(entry.getValue())));
	}

}
