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
 * The sample application as a person uses it: the page, the seed's echo and the JSON room.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "server.address=127.0.0.1")
class SampleApplicationTest {

	private final HttpClient http = HttpClient.newHttpClient();

	@LocalServerPort
	int port;

	@Test
	void servesThePageWithTheSeedsScript() throws Exception {
		HttpResponse<String> page = this.http.send(
				HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/")).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("location.host + \"/websocket\"").contains("ws.send(\"Hello, world\")");
	}

	@Test
	void echoesLikeTheSeed() throws Exception {
		assertThat(exchange("/websocket", "Hello, world")).isEqualTo("You said: Hello, world");
	}

	@Test
	void answersWithJsonNamingTheRoom() throws Exception {
		assertThat(exchange("/rooms/kitchen", "hi")).startsWith("{\"room\":\"kitchen\",\"text\":\"hi\",\"count\":1,\"at\":\"");
	}

	private String exchange(String path, String message) throws Exception {
		BlockingQueue<String> replies = new LinkedBlockingQueue<>();
		WebSocket webSocket = this.http.newWebSocketBuilder()
			.buildAsync(URI.create("ws://127.0.0.1:" + this.port + path), new WebSocket.Listener() {
				@Override
				public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
					replies.add(data.toString());
					socket.request(1);
					return null;
				}
			})
			.get(10, TimeUnit.SECONDS);
		webSocket.sendText(message, true).get(10, TimeUnit.SECONDS);
		String reply = replies.poll(10, TimeUnit.SECONDS);
		webSocket.sendClose(WebSocket.NORMAL_CLOSURE, "").get(10, TimeUnit.SECONDS);
		return reply;
	}

}
