package dev.cyclone.websocket.autoconfigure;

import java.util.OptionalInt;

import org.jspecify.annotations.Nullable;

import dev.cyclone.websocket.container.ServletContainer;
import dev.cyclone.websocket.container.UnknownServletContainer;
import dev.cyclone.websocket.container.jetty.JettyContainer;
import dev.cyclone.websocket.container.tomcat.TomcatBufferSizes;
import dev.cyclone.websocket.container.tomcat.TomcatContainer;

import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.util.unit.DataSize;

/**
 * Chooses the container layer once, as Spring Boot chooses its web server: Tomcat when
 * its classes are present, else Jetty, else a layer that serves RFC 6455 only. Imported
 * in this order by {@link CycloneWebSocketAutoConfiguration}.
 */
abstract class ServletContainerConfigurations {

	/** Spring Boot's default of {@code server.tomcat.max-connections}. */
	static final int TOMCAT_MAX_CONNECTIONS = 8192;

	private ServletContainerConfigurations() {
	}

	/**
	 * The web server's connection limit as Spring Boot's property sets it.
	 * @param environment the environment
	 * @param property the property
	 * @param defaultValue Spring Boot's default of the property
	 * @return the limit, empty when the value (zero or negative) means none
	 */
	private static OptionalInt connectionLimit(Environment environment, String property, int defaultValue) {
		int limit = environment.getProperty(property, Integer.class, defaultValue);
		return (limit > 0) ? OptionalInt.of(limit) : OptionalInt.empty();
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "org.apache.coyote.http11.upgrade.InternalHttpUpgradeHandler")
	@ConditionalOnMissingBean(ServletContainer.class)
	static class Tomcat {

		@Bean
		ServletContainer cycloneWebSocketServletContainer(CycloneWebSocketProperties properties,
				Environment environment) {
			return new TomcatContainer(properties.getSendTimeLimit(), properties.getCloseTimeout(),
					connectionLimit(environment, "server.tomcat.max-connections", TOMCAT_MAX_CONNECTIONS),
					Math.toIntExact(properties.getMessageBufferSize().toBytes()));
		}

		/**
		 * Needs Spring Boot's Tomcat web server, which a WAR on a standalone Tomcat
		 * lacks.
		 */
		@Configuration(proxyBeanMethods = false)
		@ConditionalOnClass(name = "org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory")
		static class BufferSizes {

			@Bean
			TomcatBufferSizes cycloneWebSocketTomcatBufferSizes(CycloneWebSocketProperties properties) {
				return new TomcatBufferSizes(bytes(properties.getTomcat().getBufferSize()),
						bytes(properties.getTomcat().getSocketBufferSize()));
			}

			private static @Nullable Integer bytes(@Nullable DataSize size) {
				return (size != null) ? Math.toIntExact(size.toBytes()) : null;
			}

		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = { "org.eclipse.jetty.ee11.servlet.ServletContextRequest",
			"org.eclipse.jetty.server.HttpStream", "org.eclipse.jetty.websocket.api.Session" })
	@ConditionalOnMissingBean(ServletContainer.class)
	static class Jetty {

		@Bean
		ServletContainer cycloneWebSocketServletContainer(CycloneWebSocketProperties properties,
				Environment environment) {
			return new JettyContainer(connectionLimit(environment, "server.jetty.max-connections", -1),
					properties.getHixie().getHandshakeTimeout());
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnMissingBean(ServletContainer.class)
	static class Unknown {

		@Bean
		ServletContainer cycloneWebSocketServletContainer() {
			return new UnknownServletContainer();
		}

	}

}
