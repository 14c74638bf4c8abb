package dev.cyclone.websocket.autoconfigure;

import dev.cyclone.websocket.container.ServletContainer;
import dev.cyclone.websocket.container.UnknownServletContainer;
import dev.cyclone.websocket.container.jetty.JettyContainer;
import dev.cyclone.websocket.container.tomcat.TomcatContainer;

import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

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

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "org.apache.coyote.http11.upgrade.InternalHttpUpgradeHandler")
	@ConditionalOnMissingBean(ServletContainer.class)
	static class Tomcat {

		@Bean
		ServletContainer cycloneWebSocketServletContainer(CycloneWebSocketProperties properties,
				Environment environment) {
			return new TomcatContainer(properties.getSendTimeLimit(), properties.getCloseTimeout(),
					environment.getProperty("server.tomcat.max-connections", Integer.class, TOMCAT_MAX_CONNECTIONS));
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
			return new JettyContainer(environment.getProperty("server.jetty.max-connections", Integer.class, -1),
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
