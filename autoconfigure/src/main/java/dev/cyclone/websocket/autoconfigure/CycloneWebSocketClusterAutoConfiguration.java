package dev.cyclone.websocket.autoconfigure;

import java.net.InetAddress;
import java.net.UnknownHostException;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import dev.cyclone.websocket.adapter.OpenConnections;
import dev.cyclone.websocket.cluster.ClusterSettings;
import dev.cyclone.websocket.cluster.WebSocketCluster;
import dev.cyclone.websocket.cluster.WebSocketClusterHealthIndicator;
import dev.cyclone.websocket.metrics.WebSocketMetrics;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * Broadcasts across application instances through Redis pub/sub, when
 * {@code cyclone.websocket.cluster.enabled} is set: a {@link WebSocketCluster} on the
 * Redis that Spring Boot's {@code spring.data.redis.*} configures, and its health
 * indicator ({@code websocketCluster}, in no health group by default).
 */
@AutoConfiguration(after = CycloneWebSocketAutoConfiguration.class,
		afterName = { "org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration",
				"org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration" })
@ConditionalOnBooleanProperty("cyclone.websocket.cluster.enabled")
@ConditionalOnBean(OpenConnections.class)
public final class CycloneWebSocketClusterAutoConfiguration {

	static final String DEFAULT_CHANNEL_PREFIX = "cyclone-websocket:";

	private static final Log logger = LogFactory.getLog(CycloneWebSocketClusterAutoConfiguration.class);

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(LettuceConnectionFactory.class)
	static class RedisClusterConfiguration {

		@Bean
		@ConditionalOnMissingBean
		WebSocketCluster webSocketCluster(CycloneWebSocketProperties properties,
				ObjectProvider<RedisConnectionFactory> redis, ObjectProvider<DataRedisConnectionDetails> redisDetails,
				OpenConnections connections, ObjectProvider<WebSocketMetrics> metrics, Environment environment) {
			RedisConnectionFactory factory = redis.getIfAvailable();
			if (!(factory instanceof LettuceConnectionFactory lettuce)) {
				throw new IllegalStateException("cyclone.websocket.cluster.enabled=true needs Spring Boot's Lettuce "
						+ "RedisConnectionFactory (spring-boot-starter-data-redis), but the application has "
						+ ((factory != null) ? "a " + factory.getClass().getName() : "none"));
			}
			DataRedisConnectionDetails details = redisDetails.getIfAvailable();
			if (details != null && details.getMasterReplica() != null) {
				throw new IllegalStateException("cyclone.websocket.cluster.enabled=true does not support a static "
						+ "master/replica Redis (spring.data.redis.masterreplica.*): point the application at the "
						+ "master, at Redis Sentinel or at a Redis Cluster");
			}
			String host = localHostName();
			return new WebSocketCluster(settings(properties.getCluster(), environment), lettuce,
					() -> host + ":"
							+ environment.getProperty("local.server.port",
									environment.getProperty("server.port", "8080")),
					connections, metrics.getIfAvailable(() -> WebSocketMetrics.NONE));
		}

		private static ClusterSettings settings(CycloneWebSocketProperties.Cluster cluster, Environment environment) {
			String channel = cluster.getChannel();
			if (channel == null) {
				String application = environment.getProperty("spring.application.name");
				if (application == null) {
					logger.warn("Neither cyclone.websocket.cluster.channel nor spring.application.name is set: the "
							+ "cluster uses the channel '" + DEFAULT_CHANNEL_PREFIX + "application', which every "
							+ "other application without them on this Redis shares; set either");
					application = "application";
				}
				channel = DEFAULT_CHANNEL_PREFIX + application;
			}
			return new ClusterSettings(channel, Math.toIntExact(cluster.getMaxMessageSize().toBytes()),
					cluster.getAnnounceInterval(), cluster.getPublishTimeout(), cluster.getInstanceTimeout(),
					cluster.getPublishQueueCapacity(), cluster.getDeliveryQueueCapacity(),
					cluster.getBufferLimit().toBytes());
		}

		private static String localHostName() {
			try {
				return InetAddress.getLocalHost().getHostName();
			}
			catch (UnknownHostException ex) {
				return "localhost";
			}
		}

		@Configuration(proxyBeanMethods = false)
		@ConditionalOnClass(HealthIndicator.class)
		@ConditionalOnEnabledHealthIndicator("websocket-cluster")
		static class ClusterHealthConfiguration {

			@Bean
			@ConditionalOnMissingBean
			WebSocketClusterHealthIndicator websocketClusterHealthIndicator(WebSocketCluster cluster) {
				return new WebSocketClusterHealthIndicator(cluster);
			}

		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnMissingClass("org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory")
	static class MissingRedisConfiguration {

		@Bean
		Object webSocketCluster() {
			throw new IllegalStateException("cyclone.websocket.cluster.enabled=true needs Redis: add "
					+ "spring-boot-starter-data-redis (with its default Lettuce client) to the application");
		}

	}

}
