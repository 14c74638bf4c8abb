package dev.cyclone.websocket.autoconfigure;

import org.junit.jupiter.api.Test;

import dev.cyclone.websocket.autoconfigure.TestHandlers.EchoConfiguration;
import dev.cyclone.websocket.autoconfigure.TestHandlers.EchoHandler;
import dev.cyclone.websocket.autoconfigure.TestHandlers.Greeter;
import dev.cyclone.websocket.autoconfigure.TestHandlers.PlainHandler;
import dev.cyclone.websocket.autoconfigure.TestHandlers.SingletonEchoConfiguration;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.assertj.AssertableWebApplicationContext;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the startup checks of {@link CycloneWebSocketAutoConfiguration}: each invalid
 * handler configuration fails startup with an {@link InvalidHandlerMappingException} that
 * says what is wrong and what to change.
 */
class InvalidHandlerMappingTests {

	private final WebApplicationContextRunner contextRunner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(CycloneWebSocketAutoConfiguration.class));

	@Test
	void failsForUnknownBeanNameAndListsTheHandlerBeans() {
		this.contextRunner.withUserConfiguration(EchoConfiguration.class)
			.withBean("plain", PlainHandler.class)
			.withPropertyValues("cyclone.websocket.handlers.echo.paths=/ws",
					"cyclone.websocket.handlers.missing.paths=/missing")
			.run((context) -> {
				InvalidHandlerMappingException failure = invalidMapping(context);
				assertThat(failure.getDescription())
					.isEqualTo("cyclone.websocket.handlers.missing names no bean: there is no bean 'missing'");
				assertThat(failure.getAction()).contains("the handler beans are [echo, plain]");
				assertThat(failure).hasMessageContaining("'missing'").hasMessageContaining("[echo, plain]");
			});
	}

	@Test
	void failsForBeanThatIsNoWebSocketHandler() {
		this.contextRunner.withUserConfiguration(EchoConfiguration.class)
			.withBean("text", String.class, () -> "not a handler")
			.withPropertyValues("cyclone.websocket.handlers.text.paths=/ws")
			.run((context) -> {
				InvalidHandlerMappingException failure = invalidMapping(context);
				assertThat(failure.getDescription()).isEqualTo("cyclone.websocket.handlers.text names bean 'text' "
						+ "of type java.lang.String, which is not a WebSocket handler");
				assertThat(failure.getAction()).contains(dev.cyclone.websocket.WebSocketHandler.class.getName())
					.contains(org.springframework.web.socket.WebSocketHandler.class.getName())
					.contains("the handler beans are [echo]");
			});
	}

	@Test
	void failsForPathMappedToTwoHandlers() {
		this.contextRunner.withUserConfiguration(EchoConfiguration.class)
			.withBean("plain", PlainHandler.class)
			.withPropertyValues("cyclone.websocket.handlers.echo.paths=/ws,/echo",
					"cyclone.websocket.handlers.plain.paths=/plain,/ws")
			.run((context) -> {
				InvalidHandlerMappingException failure = invalidMapping(context);
				assertThat(failure.getDescription()).startsWith("Path '/ws' is mapped twice, to handler '")
					.contains("'echo'")
					.contains("'plain'");
				assertThat(failure.getAction()).isEqualTo("Map each path to one handler only");
			});
	}

	@Test
	void failsForEmptyPathList() {
		this.contextRunner.withUserConfiguration(EchoConfiguration.class)
			.withPropertyValues("cyclone.websocket.handlers.echo.paths=")
			.run((context) -> assertEmptyPaths(invalidMapping(context)));
	}

	@Test
	void failsForHandlerWithoutPaths() {
		this.contextRunner.withUserConfiguration(EchoConfiguration.class)
			.withPropertyValues("cyclone.websocket.handlers.echo.allowed-origins=https://example.com")
			.run((context) -> assertEmptyPaths(invalidMapping(context)));
	}

	@Test
	void failsForPathNotStartingWithSlash() {
		this.contextRunner.withUserConfiguration(EchoConfiguration.class)
			.withPropertyValues("cyclone.websocket.handlers.echo.paths=/ws,chat/{room}")
			.run((context) -> {
				InvalidHandlerMappingException failure = invalidMapping(context);
				assertThat(failure.getDescription())
					.isEqualTo("cyclone.websocket.handlers.echo.paths contains 'chat/{room}', which is not a path");
				assertThat(failure.getAction()).contains("starting with '/'");
			});
	}

	@Test
	void failsForCycloneHandlerDeclaredWithExplicitSingletonScope() {
		this.contextRunner.withUserConfiguration(SingletonEchoConfiguration.class)
			.withPropertyValues("cyclone.websocket.handlers.echo.paths=/ws")
			.run((context) -> {
				InvalidHandlerMappingException failure = invalidMapping(context);
				assertThat(failure.getDescription())
					.isEqualTo("Bean 'echo' (a cyclone WebSocketHandler) is declared with scope 'singleton', but "
							+ "every connection needs a fresh handler instance");
				assertThat(failure.getAction()).contains("Remove the @Scope annotation from bean 'echo'")
					.contains("@Scope(\"prototype\")");
			});
	}

	@Test
	void failsForPreBuiltCycloneHandlerInstance() {
		this.contextRunner
			.withInitializer(
					(context) -> context.getBeanFactory().registerSingleton("h", new EchoHandler(new Greeter())))
			.withPropertyValues("cyclone.websocket.handlers.h.paths=/ws")
			.run((context) -> {
				InvalidHandlerMappingException failure = invalidMapping(context);
				assertThat(failure.getDescription())
					.isEqualTo("Bean 'h' is a pre-built instance of cyclone " + "WebSocketHandler "
							+ EchoHandler.class.getName() + ", but every connection needs a fresh handler instance");
				assertThat(failure.getAction()).contains("@Component").contains("@Bean method");
			});
	}

	private static void assertEmptyPaths(InvalidHandlerMappingException failure) {
		assertThat(failure.getDescription()).isEqualTo("cyclone.websocket.handlers.echo.paths is empty");
		assertThat(failure.getAction()).isEqualTo(
				"List at least one path for handler 'echo', for example cyclone.websocket.handlers.echo.paths=/websocket");
	}

	/**
	 * The {@link InvalidHandlerMappingException} in the cause chain of the startup
	 * failure.
	 */
	private static InvalidHandlerMappingException invalidMapping(AssertableWebApplicationContext context) {
		assertThat(context).hasFailed();
		Throwable failure = context.getStartupFailure();
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof InvalidHandlerMappingException invalid) {
				assertThat(invalid.getMessage()).isEqualTo(invalid.getDescription() + ". " + invalid.getAction());
				return invalid;
			}
		}
		throw new AssertionError("No InvalidHandlerMappingException in the cause chain of " + failure, failure);
	}

}
