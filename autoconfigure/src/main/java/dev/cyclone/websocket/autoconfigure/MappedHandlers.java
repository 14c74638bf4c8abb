package dev.cyclone.websocket.autoconfigure;

import java.util.Map;

import org.springframework.web.socket.server.support.WebSocketHandlerMapping;
import org.springframework.web.socket.server.support.WebSocketHttpRequestHandler;

/**
 * The configured handlers: their mapping to paths, and which of them also accept the
 * legacy Hixie drafts.
 *
 * @param mapping the mapping of paths to request handlers
 * @param legacyHandlers the request handlers whose handler accepts the Hixie drafts, with
 * the handler's bean name
 * @param handlers the configuration of each handler by bean name
 */
record MappedHandlers(WebSocketHandlerMapping mapping, Map<WebSocketHttpRequestHandler, String> legacyHandlers,
		Map<String, CycloneWebSocketProperties.Handler> handlers) {

}
