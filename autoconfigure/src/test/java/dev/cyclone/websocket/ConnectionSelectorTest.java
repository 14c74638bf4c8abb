package dev.cyclone.websocket;

import java.net.URI;
import java.security.Principal;
import java.util.HashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Selectors match connections on every criterion they name, compare attributes as text,
 * leave out the excluded connection only where it lives, and refuse contradictions.
 */
class ConnectionSelectorTest {

	private final WebSocketConnection lobby = connection("1", "chat", "/chat/lobby", Map.of("room", "lobby"), "alice",
			Map.of("tier", "gold", "level", 3, "vip", true, "protocol", WebSocketProtocol.HIXIE_76));

	private final WebSocketConnection attic = connection("2", "chat", "/chat/attic", Map.of("room", "attic"), null,
			Map.of("tier", new StringBuilder("gold"), "other", new Object()));

	@Test
	void allSelectsEveryConnection() {
		assertThat(ConnectionSelector.all().matches(this.lobby)).isTrue();
		assertThat(ConnectionSelector.all().matches(this.attic)).isTrue();
		assertThat(ConnectionSelector.all()).hasToString("ConnectionSelector[all]");
	}

	@Test
	void everyCriterionMustMatch() {
		assertThat(ConnectionSelector.handler("chat").matches(this.lobby)).isTrue();
		assertThat(ConnectionSelector.handler("echo").matches(this.lobby)).isFalse();
		assertThat(ConnectionSelector.path("/chat/lobby").matches(this.lobby)).isTrue();
		assertThat(ConnectionSelector.path("/chat/lobby").matches(this.attic)).isFalse();
		assertThat(ConnectionSelector.pathVariable("room", "attic").matches(this.attic)).isTrue();
		assertThat(ConnectionSelector.pathVariable("floor", "attic").matches(this.attic)).isFalse();
		assertThat(ConnectionSelector.principal("alice").matches(this.lobby)).isTrue();
		assertThat(ConnectionSelector.principal("alice").matches(this.attic)).isFalse();
		ConnectionSelector narrow = ConnectionSelector.handler("chat")
			.withPathVariable("room", "lobby")
			.withPrincipal("alice")
			.withAttribute("tier", "gold");
		assertThat(narrow.matches(this.lobby)).isTrue();
		assertThat(narrow.matches(this.attic)).isFalse();
		assertThat(narrow.withPath("/chat/elsewhere").matches(this.lobby)).isFalse();
	}

	@Test
	void attributesCompareAsText() {
		assertThat(ConnectionSelector.attribute("tier", "gold").matches(this.lobby)).isTrue();
		assertThat(ConnectionSelector.attribute("level", "3").matches(this.lobby)).isTrue();
		assertThat(ConnectionSelector.attribute("vip", "true").matches(this.lobby)).isTrue();
		assertThat(ConnectionSelector.attribute("protocol", "HIXIE_76").matches(this.lobby)).isTrue();
		assertThat(ConnectionSelector.attribute("tier", "gold").matches(this.attic)).isTrue();
		assertThat(ConnectionSelector.attribute("other", "java.lang.Object").matches(this.attic)).isFalse();
		assertThat(ConnectionSelector.attribute("missing", "x").matches(this.attic)).isFalse();
	}

	@Test
	void theExcludedConnectionIsLeftOutOnItsOwnInstanceOnly() {
		ConnectionSelector others = ConnectionSelector.handler("chat").excluding(this.lobby);
		assertThat(others.matches(this.lobby)).isFalse();
		assertThat(others.matches(this.attic)).isTrue();
		assertThat(others.matchesAnywhere(this.lobby)).isTrue();
		assertThat(others.excludedId()).isEqualTo("1");
	}

	@Test
	void refusesContradictions() {
		assertThatIllegalArgumentException().isThrownBy(() -> ConnectionSelector.handler("a").withHandler("b"))
			.withMessageContaining("already selects handler 'a'");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ConnectionSelector.pathVariable("room", "a").withPathVariable("room", "b"))
			.withMessageContaining("path variable room");
		assertThat(ConnectionSelector.handler("a").withHandler("a")).isEqualTo(ConnectionSelector.handler("a"));
	}

	@Test
	void describesItselfAndRebuildsFromItsParts() {
		ConnectionSelector selector = ConnectionSelector.handler("chat")
			.withPathVariable("room", "lobby")
			.withAttribute("tier", "gold");
		assertThat(selector).hasToString("ConnectionSelector[handler=chat, {room}=lobby, attribute tier=gold]");
		assertThat(ConnectionSelector.of(selector.handlerName(), selector.requestPath(), selector.pathVariables(),
				selector.principalName(), selector.attributes()))
			.isEqualTo(selector);
	}

	private static WebSocketConnection connection(String id, String handler, String path,
			Map<String, String> pathVariables, @Nullable String user, Map<String, Object> attributes) {
		Principal principal = (user != null) ? () -> user : null;
		HandshakeRequest request = new HandshakeRequest(URI.create("ws://example.com" + path), new HttpHeaders(),
				principal, pathVariables, null);
		Map<String, Object> copy = new HashMap<>(attributes);
		return new WebSocketConnection() {

			@Override
			public String id() {
				return id;
			}

			@Override
			public String handlerName() {
				return handler;
			}

			@Override
			public WebSocketProtocol protocol() {
				return WebSocketProtocol.RFC_6455;
			}

			@Override
			public HandshakeRequest request() {
				return request;
			}

			@Override
			public @Nullable String subprotocol() {
				return null;
			}

			@Override
			public Map<String, Object> attributes() {
				return copy;
			}

			@Override
			public boolean isOpen() {
				return true;
			}

			@Override
			public boolean sendText(String text) {
				return false;
			}

			@Override
			public boolean sendBinary(byte[] data) {
				return false;
			}

			@Override
			public boolean sendJson(Object value) {
				return false;
			}

			@Override
			public boolean ping(byte[] payload) {
				return false;
			}

			@Override
			public void close(CloseReason reason) {
			}

		};
	}

}
