package dev.cyclone.websocket.autoconfigure;

import dev.cyclone.websocket.container.ServletContainer;
import dev.cyclone.websocket.container.UnknownServletContainer;
import dev.cyclone.websocket.container.jetty.JettyContainer;
import dev.cyclone.websocket.container.tomcat.TomcatContainer;

import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Chooses the container layer once, as Spring Boot chooses its web server: Tomcat when its classes are present, else
 * Jetty, else a layer that serves RFC 6455 only. Imported in this order by {@link CycloneWebSocketAutoConfiguration}.
 */
abstract class ServletContainerConfigurations {

	private ServletContainerConfigurations() {
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "org.apache.coyote.http11.upgrade.InternalHttpUpgradeHandler")
	@ConditionalOnMissingBean(ServletContainer.class)
	static class Tomcat {

		@Bean
		ServletContainer cycloneWebSocketServletContainer(CycloneWebSocketProperties properties) {
			return new TomcatContainer(properties.getSendTimeLimit(), properties.getCloseTimeout());
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = { "org.eclipse.jetty.ee11.servlet.ServletContextRequest",
			"org.eclipse.jetty.server.HttpStream", "org.eclipse.jetty.websocket.api.Session" })
	@ConditionalOnMissingBean(ServletContainer.class)
	static class Jetty {

		@Bean
		ServletContainer cycloneWebSocketServletContainer() {
			return new JettyContainer();
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
