package dev.cyclone.websocket.autoconfigure;

import dev.cyclone.websocket.WebSocketHandler;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Scope;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.handler.TextWebSocketHandler;

/**
 * Handler beans and configurations shared by the auto-configuration tests.
 */
final class TestHandlers {

	private TestHandlers() {
	}

	/**
	 * A bean that handlers get injected, to show that dependency injection works in them.
	 */
	static class Greeter {

		String greet(String name) {
			return "Hello " + name;
		}

	}

	/** A cyclone handler with a constructor-injected dependency. */
	@Component
	static class EchoHandler extends WebSocketHandler {

		private final Greeter greeter;

		EchoHandler(Greeter greeter) {
			this.greeter = greeter;
		}

		Greeter greeter() {
			return this.greeter;
		}

	}

	/** Another cyclone handler, registered with {@code withBean}. */
	static class ChatHandler extends WebSocketHandler {

		private final Greeter greeter;

		ChatHandler(Greeter greeter) {
			this.greeter = greeter;
		}

		Greeter greeter() {
			return this.greeter;
		}

	}

	/** A plain Spring WebSocket handler. */
	static class PlainHandler extends TextWebSocketHandler {

	}

	/**
	 * Declares a {@link Greeter} and the cyclone handler {@code echo} through a
	 * {@code @Bean} method.
	 */
	@Configuration(proxyBeanMethods = false)
	static class EchoConfiguration {

		@Bean
		Greeter greeter() {
			return new Greeter();
		}

		@Bean
		EchoHandler echo(Greeter greeter) {
			return new EchoHandler(greeter);
		}

	}

	/** Declares only a {@link Greeter}. */
	@Configuration(proxyBeanMethods = false)
	static class GreeterConfiguration {

		@Bean
		Greeter greeter() {
			return new Greeter();
		}

	}

	/**
	 * Declares the cyclone handler {@code echo} with an explicit singleton scope, which
	 * cannot work.
	 */
	@Configuration(proxyBeanMethods = false)
	static class SingletonEchoConfiguration {

		@Bean
		Greeter greeter() {
			return new Greeter();
		}

		@Bean
		@Scope("singleton")
		EchoHandler echo(Greeter greeter) {
			return new EchoHandler(greeter);
		}

	}

	/**
	 * Declares the cyclone handler {@code echo} with an explicit prototype scope, which
	 * is allowed.
	 */
	@Configuration(proxyBeanMethods = false)
	static class PrototypeEchoConfiguration {

		@Bean
		Greeter greeter() {
			return new Greeter();
		}

		@Bean
		@Scope("prototype")
		EchoHandler echo(Greeter greeter) {
			return new EchoHandler(greeter);
		}

	}

}
