package dev.cyclone.websocket.autoconfigure;

import org.junit.jupiter.api.Test;

import dev.cyclone.websocket.autoconfigure.TestHandlers.EchoConfiguration;
import dev.cyclone.websocket.cluster.WebSocketCluster;
import dev.cyclone.websocket.cluster.WebSocketClusterHealthIndicator;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.test.util.ReflectionTestUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

/**
 * The cluster's auto-configuration: off unless enabled, on Spring Boot's Lettuce factory,
 * with a channel per application, a health indicator, and clear failures when Redis is
 * missing or misconfigured. Nothing here connects to Redis.
 */
class CycloneWebSocketClusterAutoConfigurationTests {

	private final WebApplicationContextRunner contextRunner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(CycloneWebSocketAutoConfiguration.class,
				DataRedisAutoConfiguration.class, CycloneWebSocketClusterAutoConfiguration.class))
		.withUserConfiguration(EchoConfiguration.class)
		.withPropertyValues("cyclone.websocket.handlers.echo.paths=/ws");

	@Test
	void staysLocalUnlessEnabled() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context).doesNotHaveBean(WebSocketCluster.class);
			assertThat(context).doesNotHaveBean(WebSocketClusterHealthIndicator.class);
		});
	}

	@Test
	void joinsTheChannelOfItsApplicationWhenEnabled() {
		this.contextRunner
			.withPropertyValues("cyclone.websocket.cluster.enabled=true", "spring.application.name=tv-guide")
			.run((context) -> {
				assertThat(context).hasSingleBean(WebSocketCluster.class);
				assertThat(context).hasBean("websocketClusterHealthIndicator");
				assertThat(context.getBean(WebSocketCluster.class).describe().channel())
					.isEqualTo("cyclone-websocket:tv-guide");
			});
	}

	@Test
	void takesAGivenChannelAndSettings() {
		this.contextRunner
			.withPropertyValues("cyclone.websocket.cluster.enabled=true", "cyclone.websocket.cluster.channel=rooms",
					"cyclone.websocket.cluster.announce-interval=1s", "cyclone.websocket.cluster.instance-timeout=4s")
			.run((context) -> {
				WebSocketCluster cluster = context.getBean(WebSocketCluster.class);
				assertThat(cluster.describe().channel()).isEqualTo("rooms");
				assertThat(ReflectionTestUtils.getField(cluster, "settings")).hasToString(
						"ClusterSettings[channel=rooms, maxMessageSize=1048576, announceInterval=PT1S, publishTimeout=PT5S, "
								+ "instanceTimeout=PT4S, publishQueueCapacity=10000, deliveryQueueCapacity=10000, "
								+ "bufferLimit=16777216]");
			});
	}

	@Test
	void refusesAnInstanceTimeoutNoLongerThanTheAnnounceInterval() {
		this.contextRunner
			.withPropertyValues("cyclone.websocket.cluster.enabled=true",
					"cyclone.websocket.cluster.announce-interval=5s", "cyclone.websocket.cluster.instance-timeout=5s")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("cyclone.websocket.cluster.instance-timeout (PT5S) must be longer"));
	}

	@Test
	void failsClearlyWithoutRedisOnTheClasspath() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(LettuceConnectionFactory.class))
			.withPropertyValues("cyclone.websocket.cluster.enabled=true")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("add spring-boot-starter-data-redis"));
	}

	@Test
	void failsClearlyOnAnotherRedisClient() {
		this.contextRunner.withBean(RedisConnectionFactory.class, () -> mock(RedisConnectionFactory.class))
			.withPropertyValues("cyclone.websocket.cluster.enabled=true")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("needs Spring Boot's Lettuce RedisConnectionFactory"));
	}

	@Test
	void leavesTheHealthIndicatorOffWhenHealthIndicatorsAreOff() {
		this.contextRunner
			.withPropertyValues("cyclone.websocket.cluster.enabled=true",
					"management.health.websocket-cluster.enabled=false")
			.run((context) -> {
				assertThat(context).hasSingleBean(WebSocketCluster.class);
				assertThat(context).doesNotHaveBean(WebSocketClusterHealthIndicator.class);
			});
	}

}
