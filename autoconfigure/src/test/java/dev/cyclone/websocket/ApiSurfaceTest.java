package dev.cyclone.websocket;

import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import dev.cyclone.websocket.autoconfigure.CycloneWebSocketProperties;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The API package holds the user API and nothing for transports or test support; the
 * handler callbacks are not public; optional properties say they may be {@code null}.
 */
class ApiSurfaceTest {

	@Test
	void theApiPackageHoldsOnlyTheUserApi() throws IOException {
		List<String> types = new ArrayList<>();
		for (Resource resource : new PathMatchingResourcePatternResolver()
			.getResources("classpath*:dev/cyclone/websocket/*.class")) {
			String name = resource.getFilename().replace(".class", "");
			if (!name.contains("$") && !name.equals("package-info") && !name.endsWith("Test")) {
				types.add(name);
			}
		}
		assertThat(types).containsExactlyInAnyOrder("CloseReason", "ConnectionSelector", "FrameDecodeError",
				"HandshakeRequest", "WebSocketConnection", "WebSocketConnections", "WebSocketHandler",
				"WebSocketProtocol");
		assertThat(Arrays.stream(WebSocketProtocol.class.getFields()).map((field) -> field.getName()))
			.containsExactly("RFC_6455", "HIXIE_76", "HIXIE_75");
	}

	@Test
	void keepsTheHandlerCallbacksOutOfThePublicApi() {
		for (String callback : List.of("connectionMade", "messageReceived", "binaryMessageReceived", "pongReceived",
				"connectionLost", "headersReceived")) {
			assertThat(Arrays.stream(WebSocketHandler.class.getDeclaredMethods())
				.filter((method) -> method.getName().equals(callback))
				.allMatch((method) -> !Modifier.isPublic(method.getModifiers()))).as(callback).isTrue();
		}
	}

	@Test
	void marksOptionalPropertiesNullable() throws NoSuchMethodException {
		for (Method getter : List.of(CycloneWebSocketProperties.class.getMethod("getMaxConnections"),
				CycloneWebSocketProperties.class.getMethod("getIdleTimeout"),
				CycloneWebSocketProperties.class.getMethod("getPingInterval"),
				CycloneWebSocketProperties.class.getMethod("getPingTimeout"),
				CycloneWebSocketProperties.Handler.class.getMethod("getAllowedOrigins"),
				CycloneWebSocketProperties.Handler.class.getMethod("getAllowedOriginPatterns"),
				CycloneWebSocketProperties.Handler.class.getMethod("getHixieEnabled"),
				CycloneWebSocketProperties.Handler.class.getMethod("getMaxConnections"),
				CycloneWebSocketProperties.Cluster.class.getMethod("getChannel"))) {
			assertThat(getter.getAnnotatedReturnType().isAnnotationPresent(Nullable.class)).as(getter.toString())
				.isTrue();
		}
	}

}
