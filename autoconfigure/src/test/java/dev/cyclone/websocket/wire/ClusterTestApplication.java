package dev.cyclone.websocket.wire;

import java.security.Principal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import org.jspecify.annotations.Nullable;

import dev.cyclone.websocket.WebSocketConnections;
import dev.cyclone.websocket.WebSocketHandler;
import dev.cyclone.websocket.cluster.WebSocketCluster;
import dev.cyclone.websocket.support.AutoConfigurationWithoutSecurity;
import dev.cyclone.websocket.support.RedisServer;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.web.socket.server.HandshakeInterceptor;

/**
 * One application instance of a cluster under test: a chat handler on
 * {@code /chat/{room}} and another handler on {@code /other}, both answering "id" with
 * their connection's id; the principal is the {@code user} query parameter and the
 * attribute {@code tier} the {@code tier} one, on every protocol.
 */
@SpringBootConfiguration
@AutoConfigurationWithoutSecurity
class ClusterTestApplication {

	@Bean
	SimpleMeterRegistry meterRegistry() {
		return new SimpleMeterRegistry();
	}

	@Bean
	IdHandler chat() {
		return new IdHandler();
	}

	@Bean
	IdHandler other() {
		return new IdHandler();
	}

	@Bean
	FilterRegistrationBean<Filter> userFromQuery() {
		Filter filter = (request, response, chain) -> {
			HttpServletRequest http = (HttpServletRequest) request;
			String user = http.getParameter("user");
			chain.doFilter((user != null) ? new HttpServletRequestWrapper(http) {
				@Override
				public Principal getUserPrincipal() {
					return () -> user;
				}
			} : request, response);
		};
		FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(filter);
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
		return registration;
	}

	@Bean
	HandshakeInterceptor tierFromQuery() {
		return new HandshakeInterceptor() {
			@Override
			public boolean beforeHandshake(ServerHttpRequest request, ServerHttpResponse response,
					org.springframework.web.socket.WebSocketHandler wsHandler, Map<String, Object> attributes) {
				String tier = ((ServletServerHttpRequest) request).getServletRequest().getParameter("tier");
				if (tier != null) {
					attributes.put("tier", tier);
				}
				return true;
			}

			@Override
			public void afterHandshake(ServerHttpRequest request, ServerHttpResponse response,
					org.springframework.web.socket.WebSocketHandler wsHandler, @Nullable Exception exception) {
			}
		};
	}

	/**
	 * Start an instance on a random loopback port.
	 * @param redis the Redis it shares
	 * @param more further properties, such as {@code spring.data.redis.password=...}
	 * @return the running instance
	 */
	static ConfigurableApplicationContext start(RedisServer redis, String... more) {
		return start(redis.port(), more);
	}

	static ConfigurableApplicationContext start(int redisPort, String... more) {
		List<String> properties = new ArrayList<>(List.of("server.port=0", "server.address=127.0.0.1",
				"spring.application.name=cluster-test", "spring.data.redis.host=127.0.0.1",
				"spring.data.redis.port=" + redisPort, "spring.data.redis.timeout=2s",
				"cyclone.websocket.cluster.enabled=true", "cyclone.websocket.cluster.announce-interval=200ms",
				"cyclone.websocket.cluster.instance-timeout=1s", "cyclone.websocket.handlers.chat.paths=/chat/{room}",
				"cyclone.websocket.handlers.other.paths=/other", "management.endpoints.web.exposure.include=*",
				"management.endpoint.health.show-details=always", "spring.main.banner-mode=off"));
		properties.addAll(List.of(more));
		return new SpringApplicationBuilder(ClusterTestApplication.class).properties(properties.toArray(String[]::new))
			.run();
	}

	static WebSocketConnections connections(ConfigurableApplicationContext instance) {
		return instance.getBean(WebSocketConnections.class);
	}

	static WebSocketCluster cluster(ConfigurableApplicationContext instance) {
		return instance.getBean(WebSocketCluster.class);
	}

	static int port(ConfigurableApplicationContext instance) {
		return ((WebServerApplicationContext) instance).getWebServer().getPort();
	}

	/**
	 * @return the count of {@code websocket.cluster.messages} with these tags, 0 before
	 * the first
	 */
	static double clusterMessages(ConfigurableApplicationContext instance, String outcome, String cause) {
		Counter counter = instance.getBean(MeterRegistry.class)
			.find("websocket.cluster.messages")
			.tags("outcome", outcome, "cause", cause)
			.counter();
		return (counter != null) ? counter.count() : 0;
	}

	/** Answers "id" with the connection's id, and nothing else. */
	static class IdHandler extends WebSocketHandler {

		@Override
		protected void messageReceived(String message) {
			if (message.equals("id")) {
				sendMessage(connection().id());
			}
		}

	}

}
