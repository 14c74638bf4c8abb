package dev.cyclone.websocket.autoconfigure;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import dev.cyclone.websocket.autoconfigure.CycloneWebSocketProperties.Handler;
import dev.cyclone.websocket.autoconfigure.TestHandlers.EchoConfiguration;
import dev.cyclone.websocket.autoconfigure.TestHandlers.PlainHandler;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for binding {@link CycloneWebSocketProperties} through
 * {@link CycloneWebSocketAutoConfiguration}.
 */
class CycloneWebSocketPropertiesTests {

	private final WebApplicationContextRunner contextRunner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(CycloneWebSocketAutoConfiguration.class));

	@Test
	void hasDefaults() {
		this.contextRunner.run((context) -> {
			CycloneWebSocketProperties properties = context.getBean(CycloneWebSocketProperties.class);
			assertThat(properties.isEnabled()).isTrue();
			assertThat(properties.getAllowedOrigins()).isEmpty();
			assertThat(properties.getAllowedOriginPatterns()).isEmpty();
			assertThat(properties.getSendBufferLimit()).isEqualTo(DataSize.ofMegabytes(1));
			assertThat(properties.getSendTimeLimit()).isEqualTo(Duration.ofSeconds(10));
			assertThat(properties.getShutdownGracePeriod()).isEqualTo(Duration.ofSeconds(5));
			assertThat(properties.getHandlers()).isEmpty();
		});
	}

	@Test
	void bindsGlobalSettings() {
		this.contextRunner
			.withPropertyValues("cyclone.websocket.allowed-origins=https://a.example.com,null",
					"cyclone.websocket.allowed-origin-patterns=https://*.example.com",
					"cyclone.websocket.send-buffer-limit=2MB", "cyclone.websocket.send-time-limit=30s",
					"cyclone.websocket.shutdown-grace-period=250ms")
			.run((context) -> {
				CycloneWebSocketProperties properties = context.getBean(CycloneWebSocketProperties.class);
				assertThat(properties.getAllowedOrigins()).containsExactly("https://a.example.com", "null");
				assertThat(properties.getAllowedOriginPatterns()).containsExactly("https://*.example.com");
				assertThat(properties.getSendBufferLimit()).isEqualTo(DataSize.ofMegabytes(2));
				assertThat(properties.getSendTimeLimit()).isEqualTo(Duration.ofSeconds(30));
				assertThat(properties.getShutdownGracePeriod()).isEqualTo(Duration.ofMillis(250));
			});
	}

	@Test
	void bindsSendBufferLimitInBytesWithoutUnit() {
		this.contextRunner.withPropertyValues("cyclone.websocket.send-buffer-limit=4096")
			.run((context) -> assertThat(context.getBean(CycloneWebSocketProperties.class).getSendBufferLimit())
				.isEqualTo(DataSize.ofBytes(4096)));
	}

	@Test
	void bindsHandlerPathsInCommaForm() {
		this.contextRunner.withUserConfiguration(EchoConfiguration.class)
			.withPropertyValues("cyclone.websocket.handlers.echo.paths=/ws,/chat/{room}")
			.run((context) -> assertThat(handler(context.getBean(CycloneWebSocketProperties.class), "echo").getPaths())
				.containsExactly("/ws", "/chat/{room}"));
	}

	@Test
	void bindsHandlerPathsInListForm() {
		this.contextRunner.withUserConfiguration(EchoConfiguration.class)
			.withPropertyValues("cyclone.websocket.handlers.echo.paths[0]=/ws",
					"cyclone.websocket.handlers.echo.paths[1]=/chat/{room}")
			.run((context) -> assertThat(handler(context.getBean(CycloneWebSocketProperties.class), "echo").getPaths())
				.containsExactly("/ws", "/chat/{room}"));
	}

	@Test
	void bindsHandlerSubprotocolsAndOrigins() {
		this.contextRunner.withUserConfiguration(EchoConfiguration.class)
			.withBean("plain", PlainHandler.class)
			.withPropertyValues("cyclone.websocket.handlers.echo.paths=/ws",
					"cyclone.websocket.handlers.echo.subprotocols=v2.chat,v1.chat",
					"cyclone.websocket.handlers.echo.allowed-origins=https://tv.example.com",
					"cyclone.websocket.handlers.echo.allowed-origin-patterns=https://*.tv.example.com",
					"cyclone.websocket.handlers.plain.paths=/plain")
			.run((context) -> {
				CycloneWebSocketProperties properties = context.getBean(CycloneWebSocketProperties.class);
				assertThat(properties.getHandlers()).containsOnlyKeys("echo", "plain");
				Handler echo = handler(properties, "echo");
				assertThat(echo.getSubprotocols()).containsExactly("v2.chat", "v1.chat");
				assertThat(echo.getAllowedOrigins()).containsExactly("https://tv.example.com");
				assertThat(echo.getAllowedOriginPatterns()).containsExactly("https://*.tv.example.com");
				Handler plain = handler(properties, "plain");
				assertThat(plain.getPaths()).containsExactly("/plain");
				assertThat(plain.getSubprotocols()).isEmpty();
				assertThat(plain.getAllowedOrigins()).as("unset, so the global list applies").isNull();
				assertThat(plain.getAllowedOriginPatterns()).as("unset, so the global list applies").isNull();
			});
	}

	private static Handler handler(CycloneWebSocketProperties properties, String name) {
		assertThat(properties.getHandlers()).containsKey(name);
		return properties.getHandlers().get(name);
	}

}
