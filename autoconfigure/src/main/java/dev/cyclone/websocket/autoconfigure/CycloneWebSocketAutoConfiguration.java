package dev.cyclone.websocket.autoconfigure;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import tools.jackson.databind.json.JsonMapper;

import dev.cyclone.websocket.WebSocketHandler;
import dev.cyclone.websocket.adapter.ConnectionSettings;
import dev.cyclone.websocket.adapter.OpenConnections;
import dev.cyclone.websocket.adapter.OutboundLimits;
import dev.cyclone.websocket.container.ServletContainer;
import dev.cyclone.websocket.handshake.ConnectionLimits;
import dev.cyclone.websocket.handshake.ConnectionSupervisor;
import dev.cyclone.websocket.handshake.MappedRequestHandlers;
import dev.cyclone.websocket.handshake.PermessageDeflateFilter;
import dev.cyclone.websocket.hixie76.servlet.HixieSettings;
import dev.cyclone.websocket.hixie76.servlet.HixieUpgradeFilter;
import dev.cyclone.websocket.metrics.WebSocketMetrics;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.socket.server.HandshakeInterceptor;
import org.springframework.web.socket.server.support.WebSocketHandlerMapping;

/**
 * Auto-configuration of cyclone-style WebSocket handlers in a servlet web application:
 * makes cyclone handler beans per-connection and maps every handler named under
 * {@code cyclone.websocket.handlers} to its paths, over RFC 6455 and the legacy Hixie
 * drafts.
 */
@AutoConfiguration(afterName = { "org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration",
		"org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration" })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass({ WebSocketHandlerMapping.class, WebSocketHandler.class })
@ConditionalOnBooleanProperty(name = "cyclone.websocket.enabled", matchIfMissing = true)
@EnableConfigurationProperties(CycloneWebSocketProperties.class)
@Import({ ServletContainerConfigurations.Tomcat.class, ServletContainerConfigurations.Jetty.class,
		ServletContainerConfigurations.Unknown.class })
public final class CycloneWebSocketAutoConfiguration {

	private static final Log logger = LogFactory.getLog(CycloneWebSocketAutoConfiguration.class);

	/**
	 * Bean name of the mapping of the configured handlers; a bean of this name replaces
	 * the mapping and the legacy transport.
	 */
	public static final String HANDLER_MAPPING_BEAN_NAME = "cycloneWebSocketHandlerMapping";

	@Bean
	static PerConnectionHandlerScopes cycloneWebSocketPerConnectionHandlerScopes() {
		return new PerConnectionHandlerScopes();
	}

	@Bean
	@ConditionalOnMissingBean
	OpenConnections cycloneWebSocketOpenConnections(CycloneWebSocketProperties properties,
			ObjectProvider<JsonMapper> jsonMapper) {
		return new OpenConnections(properties.getShutdownGracePeriod(), applicationJsonMapper(jsonMapper));
	}

	@Bean
	@ConditionalOnMissingBean
	ConnectionSettings cycloneWebSocketConnectionSettings(CycloneWebSocketProperties properties,
			ObjectProvider<JsonMapper> jsonMapper, OpenConnections openConnections,
			ObjectProvider<WebSocketMetrics> metrics, ServletContainer container) {
		OutboundLimits limits = new OutboundLimits(properties.getSendBufferLimit().toBytes(),
				properties.getSendTimeLimit(), properties.getSendOverflow());
		ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1,
				new CustomizableThreadFactory("cyclone-ws-timer-"));
		timer.setRemoveOnCancelPolicy(true);
		return new ConnectionSettings(connectionExecutor(), blockingCallsExecutor(), timer, limits,
				applicationJsonMapper(jsonMapper), openConnections, metrics.getIfAvailable(() -> WebSocketMetrics.NONE),
				container);
	}

	private static JsonMapper applicationJsonMapper(ObjectProvider<JsonMapper> jsonMapper) {
		return jsonMapper.getIfAvailable(() -> JsonMapper.builder().build());
	}

	@Bean
	@ConditionalOnMissingBean
	ConnectionSupervisor cycloneWebSocketConnectionSupervisor(CycloneWebSocketProperties properties,
			ConnectionSettings settings, ServletContainer container) {
		Duration pingInterval = orZero(properties.getPingInterval());
		Duration pingTimeout = (properties.getPingTimeout() != null) ? properties.getPingTimeout()
				: max(pingInterval.multipliedBy(3), Duration.ofSeconds(30));
		return new ConnectionSupervisor(orZero(properties.getIdleTimeout()), pingInterval, pingTimeout,
				properties.getCloseTimeout(), container, settings.timer(), settings.blockingCalls());
	}

	private static Duration orZero(Duration duration) {
		return (duration != null) ? duration : Duration.ZERO;
	}

	private static Duration max(Duration a, Duration b) {
		return (a.compareTo(b) >= 0) ? a : b;
	}

	/**
	 * Runs what timeouts start: bounded, since none of it waits on a peer; idle threads
	 * end. Not a bean of type {@code Executor}, so that Spring Boot's own task executor
	 * stays.
	 */
	private static ExecutorService connectionExecutor() {
		int threads = Math.max(4, 2 * Runtime.getRuntime().availableProcessors());
		ThreadPoolExecutor executor = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS,
				new LinkedBlockingQueue<>(), new CustomizableThreadFactory("cyclone-ws-"));
		executor.allowCoreThreadTimeOut(true);
		return executor;
	}

	/**
	 * Runs each container call that can only block on a thread of its own: such a call
	 * ends within the send time limit, and no connection waits behind another
	 * connection's stalled peer. Idle threads end after a minute.
	 */
	private static ExecutorService blockingCallsExecutor() {
		return new ThreadPoolExecutor(0, Integer.MAX_VALUE, 60, TimeUnit.SECONDS, new SynchronousQueue<>(),
				new CustomizableThreadFactory("cyclone-ws-blocking-"));
	}

	@Bean
	@ConditionalOnMissingBean
	ConnectionLimits cycloneWebSocketConnectionLimits(CycloneWebSocketProperties properties,
			ServletContainer container) {
		Map<String, Integer> handlerMaximums = new HashMap<>();
		properties.getHandlers().forEach((name, handler) -> {
			if (handler.getMaxConnections() != null) {
				handlerMaximums.put(name, handler.getMaxConnections());
			}
		});
		Integer maximum = properties.getMaxConnections();
		if (maximum == null && container.connectionLimit().isPresent()) {
			maximum = ConnectionLimits.leavingRoomForHttp(container.connectionLimit().getAsInt());
		}
		return new ConnectionLimits(maximum, handlerMaximums);
	}

	@Bean
	@ConditionalOnMissingBean(name = HANDLER_MAPPING_BEAN_NAME)
	MappedHandlers cycloneWebSocketMappedHandlers(CycloneWebSocketProperties properties,
			ConfigurableListableBeanFactory beanFactory, ConnectionSettings settings,
			ObjectProvider<HandshakeInterceptor> interceptors, ConnectionLimits connectionLimits,
			ConnectionSupervisor supervisor) {
		return new HandlerMappingBuilder(properties, beanFactory, settings, interceptors.orderedStream().toList(),
				connectionLimits, supervisor)
			.build();
	}

	@Bean(name = HANDLER_MAPPING_BEAN_NAME)
	@ConditionalOnMissingBean(name = HANDLER_MAPPING_BEAN_NAME)
	WebSocketHandlerMapping cycloneWebSocketHandlerMapping(MappedHandlers mappedHandlers) {
		return mappedHandlers.mapping();
	}

	/**
	 * Keeps the connections of the mapped handlers uncompressed unless permessage-deflate
	 * is enabled.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBooleanProperty(name = "cyclone.websocket.permessage-deflate", havingValue = false,
			matchIfMissing = true)
	@ConditionalOnMissingBean(name = HANDLER_MAPPING_BEAN_NAME)
	static class NoCompressionConfiguration {

		@Bean
		FilterRegistrationBean<PermessageDeflateFilter> cycloneWebSocketPermessageDeflateFilter(
				MappedHandlers mappedHandlers) {
			FilterRegistrationBean<PermessageDeflateFilter> registration = new FilterRegistrationBean<>(
					new PermessageDeflateFilter(new MappedRequestHandlers(mappedHandlers.mapping())));
			registration.setOrder(Ordered.LOWEST_PRECEDENCE);
			return registration;
		}

	}

	/**
	 * The legacy Hixie-76 and Hixie-75 transport: a servlet filter on the mapped paths,
	 * last in the filter chain so that security and every other filter apply to the
	 * legacy handshake as to RFC 6455.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBooleanProperty(name = "cyclone.websocket.hixie.enabled", matchIfMissing = true)
	@ConditionalOnMissingBean(name = HANDLER_MAPPING_BEAN_NAME)
	static class HixieConfiguration {

		@Bean
		HixieSettings cycloneWebSocketHixieSettings(CycloneWebSocketProperties properties,
				ConnectionSettings connectionSettings) {
			return new HixieSettings(Set.copyOf(properties.getHixie().getDrafts()),
					Math.toIntExact(properties.getMaxMessageSize().toBytes()),
					properties.getHixie().getHandshakeTimeout(), properties.getCloseTimeout(),
					connectionSettings.timer(), connectionSettings.executor());
		}

		@Bean
		FilterRegistrationBean<HixieUpgradeFilter> cycloneWebSocketHixieUpgradeFilter(MappedHandlers mappedHandlers,
				HixieSettings settings, ConnectionSettings connectionSettings, ServletContainer container,
				ObjectProvider<HandlerExceptionResolver> exceptionResolvers) {
			HixieUpgradeFilter filter = new HixieUpgradeFilter(new MappedRequestHandlers(mappedHandlers.mapping()),
					mappedHandlers.legacyHandlers(), settings, container, connectionSettings.metrics(),
					exceptionResolvers);
			FilterRegistrationBean<HixieUpgradeFilter> registration = new FilterRegistrationBean<>(filter);
			registration.setOrder(Ordered.LOWEST_PRECEDENCE);
			if (!container.servesLegacyConnections()) {
				logger
					.warn("Hixie-76 and Hixie-75 are off: they need Tomcat or Jetty, and neither is on the classpath");
				registration.setEnabled(false);
			}
			return registration;
		}

	}

}
