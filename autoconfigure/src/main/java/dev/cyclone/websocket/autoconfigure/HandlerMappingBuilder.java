package dev.cyclone.websocket.autoconfigure;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import dev.cyclone.websocket.WebSocketHandler;
import dev.cyclone.websocket.adapter.BoundedMessageAssembler;
import dev.cyclone.websocket.adapter.ConnectionSettings;
import dev.cyclone.websocket.adapter.CycloneHandlerAdapter;
import dev.cyclone.websocket.adapter.HandlerInstantiatingInterceptor;
import dev.cyclone.websocket.autoconfigure.CycloneWebSocketProperties.Handler;
import dev.cyclone.websocket.handshake.ConnectionLimitInterceptor;
import dev.cyclone.websocket.handshake.ConnectionLimits;
import dev.cyclone.websocket.handshake.ConnectionSupervisor;
import dev.cyclone.websocket.handshake.ConnectionTrackingHandler;
import dev.cyclone.websocket.handshake.OriginCheckingInterceptor;
import dev.cyclone.websocket.handshake.OriginPolicy;

import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.web.socket.server.HandshakeInterceptor;
import org.springframework.web.socket.server.support.DefaultHandshakeHandler;
import org.springframework.web.socket.server.support.WebSocketHandlerMapping;
import org.springframework.web.socket.server.support.WebSocketHttpRequestHandler;

/**
 * Turns {@code cyclone.websocket.handlers} into a {@link WebSocketHandlerMapping}: for
 * each mapped bean a {@link WebSocketHttpRequestHandler} with the handler's origin
 * policy, the application's handshake interceptors and, for a cyclone handler, the
 * per-connection instance step; the same request handlers serve the Hixie drafts. Fails
 * with {@link InvalidHandlerMappingException} on a mapping that cannot work.
 */
final class HandlerMappingBuilder {

	private static final String PREFIX = "cyclone.websocket.handlers.";

	private final CycloneWebSocketProperties properties;

	private final ConfigurableListableBeanFactory beanFactory;

	private final ConnectionSettings settings;

	private final List<HandshakeInterceptor> applicationInterceptors;

	private final ConnectionLimits connectionLimits;

	private final ConnectionSupervisor supervisor;

	HandlerMappingBuilder(CycloneWebSocketProperties properties, ConfigurableListableBeanFactory beanFactory,
			ConnectionSettings settings, List<HandshakeInterceptor> applicationInterceptors,
			ConnectionLimits connectionLimits, ConnectionSupervisor supervisor) {
		this.properties = properties;
		this.beanFactory = beanFactory;
		this.settings = settings;
		this.applicationInterceptors = applicationInterceptors;
		this.connectionLimits = connectionLimits;
		this.supervisor = supervisor;
	}

	MappedHandlers build() {
		Map<String, Object> urlMap = new LinkedHashMap<>();
		Map<String, String> handlerByPath = new LinkedHashMap<>();
		Map<WebSocketHttpRequestHandler, String> legacyHandlers = new HashMap<>();
		this.properties.getHandlers().forEach((name, mapping) -> {
			List<String> paths = checkedPaths(name, mapping, handlerByPath);
			WebSocketHttpRequestHandler requestHandler = requestHandler(name, mapping);
			paths.forEach((path) -> urlMap.put(path, requestHandler));
			boolean legacy = (mapping.getHixieEnabled() != null) ? mapping.getHixieEnabled()
					: this.properties.getHixie().isEnabled();
			if (legacy) {
				legacyHandlers.put(requestHandler, name);
			}
		});
		WebSocketHandlerMapping handlerMapping = new WebSocketHandlerMapping();
		handlerMapping.setUrlMap(urlMap);
		handlerMapping.setOrder(1);
		return new MappedHandlers(handlerMapping, Map.copyOf(legacyHandlers),
				Map.copyOf(this.properties.getHandlers()));
	}

	private List<String> checkedPaths(String name, Handler mapping, Map<String, String> handlerByPath) {
		List<String> paths = (mapping.getPaths() != null) ? mapping.getPaths() : List.of();
		if (paths.isEmpty()) {
			throw new InvalidHandlerMappingException(PREFIX + name + ".paths is empty",
					"List at least one path for handler '" + name + "', for example " + PREFIX + name
							+ ".paths=/websocket");
		}
		for (String path : paths) {
			if (path == null || !path.startsWith("/")) {
				throw new InvalidHandlerMappingException(
						PREFIX + name + ".paths contains '" + path + "', which is not a path",
						"Write paths from the context root, starting with '/'");
			}
			String previous = handlerByPath.putIfAbsent(path, name);
			if (previous != null) {
				throw new InvalidHandlerMappingException("Path '" + path + "' is mapped twice, to handler '" + previous
						+ "' and to handler '" + name + "'", "Map each path to one handler only");
			}
		}
		return paths;
	}

	private WebSocketHttpRequestHandler requestHandler(String name, Handler mapping) {
		List<HandshakeInterceptor> interceptors = new ArrayList<>();
		interceptors.add(new OriginCheckingInterceptor(originPolicy(mapping), this.settings.metrics(), name));
		interceptors.add(new ConnectionLimitInterceptor(this.connectionLimits, this.settings.openConnections(),
				this.settings.metrics(), name));
		interceptors.addAll(this.applicationInterceptors);
		org.springframework.web.socket.WebSocketHandler handler;
		Class<?> type = handlerType(name);
		if (WebSocketHandler.class.isAssignableFrom(type)) {
			CycloneHandlerAdapter adapter = new CycloneHandlerAdapter(name,
					PrototypeHandlerInstances.of(this.beanFactory, name), this.settings);
			interceptors.add(new HandlerInstantiatingInterceptor(adapter));
			handler = adapter;
		}
		else {
			handler = this.beanFactory.getBean(name, org.springframework.web.socket.WebSocketHandler.class);
		}
		handler = new ConnectionTrackingHandler(
				new BoundedMessageAssembler(handler, this.properties.getMaxMessageSize().toBytes()),
				this.connectionLimits, this.supervisor, name, this.settings);
		DefaultHandshakeHandler handshakeHandler = new DefaultHandshakeHandler();
		handshakeHandler.setSupportedProtocols(mapping.getSubprotocols().toArray(String[]::new));
		this.settings.container().configureUpgrade(handshakeHandler, this.properties.getMaxMessageSize().toBytes());
		WebSocketHttpRequestHandler requestHandler = new WebSocketHttpRequestHandler(handler, handshakeHandler);
		requestHandler.setHandshakeInterceptors(interceptors);
		return requestHandler;
	}

	private Class<?> handlerType(String name) {
		Class<?> type = this.beanFactory.containsBean(name) ? this.beanFactory.getType(name) : null;
		if (type == null) {
			throw new InvalidHandlerMappingException(PREFIX + name + " names no bean: there is no bean '" + name + "'",
					"Use the bean name of a WebSocket handler; the handler beans are " + handlerBeanNames());
		}
		if (!WebSocketHandler.class.isAssignableFrom(type)
				&& !org.springframework.web.socket.WebSocketHandler.class.isAssignableFrom(type)) {
			throw new InvalidHandlerMappingException(
					PREFIX + name + " names bean '" + name + "' of type " + type.getName()
							+ ", which is not a WebSocket handler",
					"Map a bean that extends " + WebSocketHandler.class.getName() + " or implements "
							+ org.springframework.web.socket.WebSocketHandler.class.getName()
							+ "; the handler beans are " + handlerBeanNames());
		}
		return type;
	}

	private List<String> handlerBeanNames() {
		return Stream.of(WebSocketHandler.class, org.springframework.web.socket.WebSocketHandler.class)
			.flatMap((type) -> Arrays.stream(this.beanFactory.getBeanNamesForType(type, true, false)))
			.sorted()
			.toList();
	}

	private OriginPolicy originPolicy(Handler mapping) {
		boolean own = mapping.getAllowedOrigins() != null || mapping.getAllowedOriginPatterns() != null;
		if (!own) {
			return new OriginPolicy(this.properties.getAllowedOrigins(), this.properties.getAllowedOriginPatterns());
		}
		return new OriginPolicy(orEmpty(mapping.getAllowedOrigins()), orEmpty(mapping.getAllowedOriginPatterns()));
	}

	private static List<String> orEmpty(List<String> list) {
		return (list != null) ? list : List.of();
	}

}
