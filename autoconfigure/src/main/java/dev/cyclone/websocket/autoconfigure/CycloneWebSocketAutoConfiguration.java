package dev.cyclone.websocket.autoconfigure;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import dev.cyclone.websocket.WebSocketHandler;
import dev.cyclone.websocket.adapter.ConnectionSettings;
import dev.cyclone.websocket.adapter.OpenConnections;
import dev.cyclone.websocket.adapter.OutboundLimits;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.web.socket.server.HandshakeInterceptor;
import org.springframework.web.socket.server.support.WebSocketHandlerMapping;

/**
 * Auto-configuration of cyclone-style WebSocket handlers in a servlet web application: makes cyclone handler beans
 * per-connection and maps every handler named under {@code cyclone.websocket.handlers} to its paths over RFC 6455.
 */
@AutoConfiguration(afterName = { "org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration",
		"org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration" })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass({ WebSocketHandlerMapping.class, WebSocketHandler.class })
@ConditionalOnBooleanProperty(name = "cyclone.websocket.enabled", matchIfMissing = true)
@EnableConfigurationProperties(CycloneWebSocketProperties.class)
public final class CycloneWebSocketAutoConfiguration {

	/** Bean name of the mapping of the configured handlers; define a bean of this name to replace it. */
	public static final String HANDLER_MAPPING_BEAN_NAME = "cycloneWebSocketHandlerMapping";

	@Bean
	static PerConnectionHandlerScopes cycloneWebSocketPerConnectionHandlerScopes() {
		return new PerConnectionHandlerScopes();
	}

	@Bean
	@ConditionalOnMissingBean
	OpenConnections cycloneWebSocketOpenConnections(CycloneWebSocketProperties properties) {
		return new OpenConnections(properties.getShutdownGracePeriod());
	}

	@Bean
	@ConditionalOnMissingBean
	ConnectionSettings cycloneWebSocketConnectionSettings(CycloneWebSocketProperties properties,
			ObjectProvider<JsonMapper> jsonMapper, OpenConnections openConnections) {
		OutboundLimits limits = new OutboundLimits(properties.getSendBufferLimit().toBytes(),
				properties.getSendTimeLimit());
		return new ConnectionSettings(connectionExecutor(), limits,
				jsonMapper.getIfAvailable(() -> JsonMapper.builder().build()), openConnections);
	}

	/**
	 * Runs closes and blocking writes: bounded, so a crowd of slow peers cannot multiply threads; idle threads
	 * end. Not a bean of type {@code Executor}, so that Spring Boot's own task executor stays.
	 */
	private static ExecutorService connectionExecutor() {
		int threads = Math.max(4, 2 * Runtime.getRuntime().availableProcessors());
		ThreadPoolExecutor executor = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS,
				new LinkedBlockingQueue<>(), new CustomizableThreadFactory("cyclone-ws-"));
		executor.allowCoreThreadTimeOut(true);
		return executor;
	}

	@Bean(name = HANDLER_MAPPING_BEAN_NAME)
	@ConditionalOnMissingBean(name = HANDLER_MAPPING_BEAN_NAME)
	WebSocketHandlerMapping cycloneWebSocketHandlerMapping(CycloneWebSocketProperties properties,
			ListableBeanFactory beanFactory, ConnectionSettings settings,
			ObjectProvider<HandshakeInterceptor> interceptors) {
		return new HandlerMappingBuilder(properties, beanFactory, settings, interceptors.orderedStream().toList())
			.build();
	}

}
