package dev.cyclone.websocket.sample;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample application as a person uses it: the page, the seed's echo and the JSON
 * room.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "server.address=127.0.0.1")
class SampleApplicationTest {

	private final HttpClient http = HttpClient.newHttpClient();

	@LocalServerPort
	int port;

	@Test
	void servesThePageWithTheSeedsScript() throws Exception {
		assertThat(get("/")).contains("location.host + \"/websocket\"").contains("ws.send(\"Hello, world\")");
	}

	@Test
	void echoesLikeTheSeed() throws Exception {
		assertThat(exchange("/websocket", "Hello, world")).isEqualTo("You said: Hello, world");
	}

	@Test
	void answersWithJsonNamingTheRoom() throws Exception {
		assertThat(exchange("/rooms/kitchen", "hi"))
			.startsWith("{\"room\":\"kitchen\",\"text\":\"hi\",\"count\":1,\"at\":\"");
	}

	@Test
	void showsHandlersAndOpenConnectionsOnTheActuatorEndpoint() throws Exception {
		BlockingQueue<String> replies = new LinkedBlockingQueue<>();
		WebSocket open = connect("/websocket", replies);
		open.sendText("hi", true).get(10, TimeUnit.SECONDS);
		assertThat(replies.poll(10, TimeUnit.SECONDS)).isEqualTo("You said: hi");
		String body = get("/actuator/websockets");
		assertThat(body)
			.contains("\"echoWebSocket\":{\"paths\":[\"/websocket\"],"
					+ "\"protocols\":[\"rfc6455\",\"hixie-75\",\"hixie-76\"],"
					+ "\"openConnections\":{\"rfc6455\":1,\"hixie-76\":0,\"hixie-75\":0}}")
			.contains("\"chatWebSocket\":{\"paths\":[\"/chat/{room}\"]");
		assertThat(get("/actuator/metrics/websocket.connections")).contains("\"name\":\"websocket.connections\"");
		open.sendClose(WebSocket.NORMAL_CLOSURE, "").get(10, TimeUnit.SECONDS);
	}

	private String get(String path) throws Exception {
		HttpResponse<String> response = this.http.send(
				HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path)).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(200);
		return response.body();
	}

	private WebSocket connect(String path, BlockingQueue<String> replies) throws Exception {
		return this.http.newWebSocketBuilder()
			.buildAsync(URI.create("ws://127.0.0.1:" + this.port + path), new WebSocket.Listener() {
				@Override
				public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
					replies.add(data.toString());
					socket.request(1);
					return null;
				}
			})
			.get(10, TimeUnit.SECONDS);
	}

	private String exchange(String path, String message) throws Exception {
		BlockingQueue<String> replies = new LinkedBlockingQueue<>();
		WebSocket webSocket = connect(path, replies);
		webSocket.sendText(message, true).get(10, TimeUnit.SECONDS);
		String reply = replies.poll(10, TimeUnit.SECONDS);
		webSocket.sendClose(WebSocket.NORMAL_CLOSURE, "").get(10, TimeUnit.SECONDS);
		return reply;
	}

}
