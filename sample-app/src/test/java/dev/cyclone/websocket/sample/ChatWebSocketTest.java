package dev.cyclone.websocket.sample;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The chat room over real connections: joins, messages and leaves reach everybody in the
 * room and nobody outside.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "server.address=127.0.0.1")
class ChatWebSocketTest {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newHttpClient();

	@LocalServerPort
	int port;

	@Test
	void deliversJoinsMessagesAndLeavesToTheRoomOnly() throws Exception {
		Member ann = join("lobby", "ann");
		assertEvent(ann.next(), "join", "lobby", "ann joined");
		Member bob = join("lobby", "bob");
		assertEvent(ann.next(), "join", "lobby", "bob joined");
		assertEvent(bob.next(), "join", "lobby", "bob joined");
		Member cat = join("kitchen", "cat");
		assertEvent(cat.next(), "join", "kitchen", "cat joined");

		ann.say("hello, room");
		assertEvent(ann.next(), "message", "ann", "hello, room");
		assertEvent(bob.next(), "message", "ann", "hello, room");

		bob.leave();
		assertEvent(ann.next(), "leave", "lobby", "bob left");
		assertThat(cat.events.poll(300, TimeUnit.MILLISECONDS)).isNull();
		ann.leave();
		cat.leave();
	}

	private static void assertEvent(JsonNode event, String type, String from, String text) {
		assertThat(event.get("type").asString()).isEqualTo(type);
		assertThat(event.get("from").asString()).isEqualTo(from);
		assertThat(event.get("text").asString()).isEqualTo(text);
		assertThat(event.get("at").asString()).isNotEmpty();
	}

	private Member join(String room, String name) throws Exception {
		Member member = new Member();
		member.webSocket = this.http.newWebSocketBuilder()
			.buildAsync(URI.create("ws://127.0.0.1:" + this.port + "/chat/" + room + "?name=" + name), member)
			.get(10, TimeUnit.SECONDS);
		return member;
	}

	private static final class Member implements WebSocket.Listener {

		final BlockingQueue<JsonNode> events = new LinkedBlockingQueue<>();

		WebSocket webSocket;

		@Override
		public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
			this.events.add(JSON.readTree(data.toString()));
			socket.request(1);
			return null;
		}

		JsonNode next() throws InterruptedException {
			JsonNode event = this.events.poll(10, TimeUnit.SECONDS);
			assertThat(event).as("an event within 10 s").isNotNull();
			return event;
		}

		void say(String text) throws Exception {
			this.webSocket.sendText(text, true).get(10, TimeUnit.SECONDS);
		}

		void leave() throws Exception {
			this.webSocket.sendClose(WebSocket.NORMAL_CLOSURE, "").get(10, TimeUnit.SECONDS);
		}

	}

}
