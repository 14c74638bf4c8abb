package dev.cyclone.websocket.adapter;

import java.lang.reflect.Proxy;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import dev.cyclone.websocket.CloseReason;
import dev.cyclone.websocket.HandshakeRequest;
import dev.cyclone.websocket.WebSocketConnection;
import dev.cyclone.websocket.WebSocketHandler;
import dev.cyclone.websocket.container.UnknownServletContainer;
import dev.cyclone.websocket.internal.HandlerCallbacks;
import dev.cyclone.websocket.metrics.WebSocketMetrics;

import org.springframework.http.HttpHeaders;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.WebSocketSession;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The registry of open connections: counting, lookup, selection, broadcast, and leaving
 * exactly when {@code connectionLost} runs.
 */
class OpenConnectionsTest {

	private final OpenConnections registry = new OpenConnections(Duration.ofSeconds(1), JsonMapper.builder().build());

	private final ConnectionSettings settings = new ConnectionSettings(Executors.newSingleThreadExecutor(),
			Executors.newCachedThreadPool(), Executors.newSingleThreadScheduledExecutor(),
			new OutboundLimits(1024 * 1024, Duration.ofSeconds(10), OverflowPolicy.CLOSE), JsonMapper.builder().build(),
			this.registry, WebSocketMetrics.NONE, new UnknownServletContainer());

	private final Map<String, List<String>> sent = new ConcurrentHashMap<>();

	@AfterEach
	void stopExecutors() {
		this.settings.shutdown();
	}

	@Test
	void countsFindsAndSelectsOpenConnections() {
		SessionConnection ann = open("a1", "chat", "/chat/lobby", Map.of("user", "ann"));
		open("a2", "chat", "/chat/lobby", Map.of("user", "bob"));
		open("a3", "echo", "/echo", Map.of());
		assertThat(this.registry.count()).isEqualTo(3);
		assertThat(this.registry.count("chat")).isEqualTo(2);
		assertThat(this.registry.ofHandler("echo")).extracting(WebSocketConnection::id).containsExactly("a3");
		assertThat(this.registry.onPath("/chat/lobby")).extracting(WebSocketConnection::id)
			.containsExactlyInAnyOrder("a1", "a2");
		assertThat(this.registry.get("a1")).containsSame(ann);
		assertThat(this.registry.get("nope")).isEmpty();
		assertThat(this.registry.select((c) -> "bob".equals(c.attributes().get("user"))))
			.extracting(WebSocketConnection::id)
			.containsExactly("a2");
		assertThat(this.registry.all()).hasSize(3);
	}

	@Test
	void broadcastsTextAndJsonEncodedOnceToTheSelection() {
		open("a1", "chat", "/chat/lobby", Map.of());
		open("a2", "chat", "/chat/lobby", Map.of());
		open("a3", "echo", "/echo", Map.of());
		assertThat(this.registry.broadcast("hi all")).isEqualTo(3);
		assertThat(this.registry.broadcast(Map.of("text", "lobby only"), (c) -> c.handlerName().equals("chat")))
			.isEqualTo(2);
		await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
			assertThat(this.sent.get("a1")).containsExactly("hi all", "{\"text\":\"lobby only\"}");
			assertThat(this.sent.get("a3")).containsExactly("hi all");
		});
	}

	@Test
	void forgetsAConnectionWhenItsConnectionLostRunsAndNeverBroadcastsToIt() {
		SessionConnection gone = open("a1", "chat", "/chat/lobby", Map.of());
		open("a2", "chat", "/chat/lobby", Map.of());
		gone.lost(CloseReason.ABNORMAL);
		assertThat(this.registry.count()).isEqualTo(1);
		assertThat(this.registry.get("a1")).isEmpty();
		assertThat(this.registry.broadcast("after")).isEqualTo(1);
		await().atMost(Duration.ofSeconds(5)).until(() -> this.sent.containsKey("a2"));
		assertThat(this.sent.getOrDefault("a1", List.of())).isEmpty();
	}

	private SessionConnection open(String id, String handlerName, String path, Map<String, Object> attributes) {
		WebSocketHandler handler = new WebSocketHandler() {
		};
		HandlerCallbacks.get()
			.handshake(handler,
					new HandshakeRequest(URI.create("ws://localhost" + path), new HttpHeaders(), null, Map.of(), null));
		SessionConnection connection = new SessionConnection(
				new OutboundSession(session(id, new ConcurrentHashMap<>(attributes)), handlerName, this.settings),
				handler, new HandlerInstances() {

					@Override
					public WebSocketHandler create() {
						return handler;
					}

					@Override
					public void destroy(WebSocketHandler destroyed) {
					}

				}, handlerName, this.settings);
		connection.open();
		return connection;
	}

	private WebSocketSession session(String id, Map<String, Object> attributes) {
		return (WebSocketSession) Proxy.newProxyInstance(getClass().getClassLoader(),
				new Class<?>[] { WebSocketSession.class }, (proxy, method, args) -> switch (method.getName()) {
					case "getId" -> id;
					case "getAttributes" -> attributes;
					case "isOpen" -> true;
					case "sendMessage" -> {
						WebSocketMessage<?> message = (WebSocketMessage<?>) args[0];
						this.sent.computeIfAbsent(id, (key) -> new CopyOnWriteArrayList<>())
							.add(((TextMessage) message).getPayload());
						yield null;
					}
					default -> null;
				});
	}

}
