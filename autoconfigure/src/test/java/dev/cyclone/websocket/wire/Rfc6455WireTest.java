package dev.cyclone.websocket.wire;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import io.netty.handler.codec.http.websocketx.WebSocketVersion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.cyclone.websocket.CloseReason;
import dev.cyclone.websocket.support.JdkClient;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * RFC 6455 on a real port with real clients: the JDK's WebSocket client, Netty's, and raw
 * sockets.
 */
@SpringBootTest(classes = WireTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("wire")
@ExtendWith(OutputCaptureExtension.class)
class Rfc6455WireTest {

	@LocalServerPort
	int port;

	@Autowired
	Recorder recorder;

	private URI uri(String path) {
		return URI.create("ws://127.0.0.1:" + this.port + path);
	}

	@Test
	void echoesWithTheJdkClient() throws Exception {
		JdkClient client = JdkClient.connect(uri("/echo"));
		assertThat(client.sendAndReceive("Hello, world")).isEqualTo("You said: Hello, world");
		client.close();
	}

	@Test
	void echoesWithNettysClient() throws Exception {
		try (NettyClient client = NettyClient.connect(uri("/echo"), WebSocketVersion.V13)) {
			assertThat(client.sendAndReceive("Hello, Netty")).isEqualTo("You said: Hello, Netty");
		}
	}

	@Test
	void sendsAMapAsJsonWithThePathVariable() throws Exception {
		JdkClient client = JdkClient.connect(uri("/rooms/lobby"));
		assertThat(client.sendAndReceive("hi")).isEqualTo("{\"room\":\"lobby\",\"text\":\"hi\",\"numbers\":[1,2,3]}");
		client.close();
	}

	@Test
	void keepsStatePerConnectionAcrossConcurrentConnections() throws Exception {
		List<JdkClient> clients = new ArrayList<>();
		for (int i = 0; i < 6; i++) {
			clients.add(JdkClient.connect(uri("/echo")));
		}
		List<CompletableFuture<String>> counts = new ArrayList<>();
		for (int i = 0; i < clients.size(); i++) {
			JdkClient client = clients.get(i);
			int messages = i + 1;
			counts.add(CompletableFuture.supplyAsync(() -> {
				try {
					for (int m = 0; m < messages; m++) {
						client.sendAndReceive("m" + m);
					}
					return client.sendAndReceive("count");
				}
				catch (InterruptedException ex) {
					throw new IllegalStateException(ex);
				}
			}));
		}
		for (int i = 0; i < clients.size(); i++) {
			assertThat(counts.get(i).join()).isEqualTo(String.valueOf(i + 2));
			clients.get(i).close();
		}
	}

	@Test
	void showsTheHandshakeRequestAndConnectionToTheHandler() throws Exception {
		JdkClient client = JdkClient.connect(uri("/info?q=a%20b&x=1"),
				Map.of("X-Test", "hello", "Cookie", "session=abc; theme=dark"), List.of("v1.chat", "v2.chat"));
		assertThat(client.subprotocol()).isEqualTo("v1.chat");
		assertThat(client.sendAndReceive("header")).isEqualTo("hello");
		assertThat(client.sendAndReceive("query")).isEqualTo("a b");
		assertThat(client.sendAndReceive("cookie")).isEqualTo("abc");
		assertThat(client.sendAndReceive("remote")).isEqualTo("127.0.0.1");
		assertThat(client.sendAndReceive("protocol")).isEqualTo("rfc6455");
		assertThat(client.sendAndReceive("subprotocol")).isEqualTo("v1.chat");
		assertThat(client.sendAndReceive("attribute")).isEqualTo("intercepted");
		client.close();
	}

	@Test
	void injectsBeansIntoAFreshHandlerPerConnection() throws Exception {
		JdkClient first = JdkClient.connect(uri("/echo"));
		JdkClient second = JdkClient.connect(uri("/echo"));
		String firstId = first.sendAndReceive("id");
		String secondId = second.sendAndReceive("id");
		assertThat(this.recorder.made).contains(firstId, secondId);
		assertThat(first.sendAndReceive("count")).isEqualTo("2");
		first.close();
		second.close();
	}

	@Test
	void forbidConnectionRefusesTheHandshakeWith403AndTheMessage(CapturedOutput output) throws Exception {
		try (RawHttp raw = new RawHttp(this.port)) {
			raw.write(RawHttp.rfc6455Request("/guarded?token=wrong", this.port, null));
			String head = raw.readHead();
			assertThat(head).startsWith("HTTP/1.1 403");
			assertThat(new String(raw.read(25))).isEqualTo("A valid token is required");
		}
		assertThat(output).contains("Handler 'guarded' forbade the connection to /guarded");
		JdkClient client = JdkClient.connect(uri("/guarded?token=secret"));
		assertThat(client.sendAndReceive("in")).isEqualTo("welcome in");
		client.close();
	}

	@Test
	void refusesAForeignOriginWith403AndAcceptsTheSameOrigin(CapturedOutput output) throws Exception {
		try (RawHttp raw = new RawHttp(this.port)) {
			raw.write(RawHttp.rfc6455Request("/echo", this.port, "http://evil.example"));
			assertThat(raw.readHead()).startsWith("HTTP/1.1 403");
		}
		assertThat(output).contains("Refused WebSocket handshake from origin 'http://evil.example' to /echo");
		try (RawHttp raw = new RawHttp(this.port)) {
			raw.write(RawHttp.rfc6455Request("/echo", this.port, "http://127.0.0.1:" + this.port));
			assertThat(raw.readHead()).startsWith("HTTP/1.1 101");
		}
	}

	@Test
	void reportsACleanCloseByTheClientExactlyOnce() throws Exception {
		JdkClient client = JdkClient.connect(uri("/echo"));
		String id = client.sendAndReceive("id");
		client.close();
		assertThat(this.recorder.awaitLostOnce(id).code()).isEqualTo(1000);
	}

	@Test
	void closesWith1003OnABinaryMessageByDefaultAndSendsBinaryOnRequest() throws Exception {
		JdkClient client = JdkClient.connect(uri("/info"));
		assertThat(client.sendAndReceive("binary")).isEqualTo("binary queued: true");
		assertThat(client.nextBinary()).containsExactly(1, 2, 3);
		client.webSocket().sendBinary(java.nio.ByteBuffer.wrap(new byte[] { 9 }), true).join();
		assertThat(client.awaitCloseCode()).isEqualTo(1003);
	}

	@Test
	void refusesASendAfterTheConnectionIsLost() throws Exception {
		JdkClient client = JdkClient.connect(uri("/echo"));
		String id = client.sendAndReceive("id");
		client.close();
		await().atMost(Duration.ofSeconds(10)).until(() -> this.recorder.sendAfterLost.containsKey(id));
		assertThat(this.recorder.sendAfterLost.get(id)).isFalse();
	}

	@Test
	void reportsACloseByTheHandlerWithItsCodeExactlyOnce() throws Exception {
		JdkClient client = JdkClient.connect(uri("/echo"));
		String id = client.sendAndReceive("id");
		client.send("close");
		assertThat(client.awaitCloseCode()).isEqualTo(4001);
		assertThat(this.recorder.awaitLostOnce(id)).isEqualTo(new CloseReason(4001, "asked to"));
	}

	@Test
	void reportsAnAbruptDropAs1006ExactlyOnce() throws Exception {
		int before = this.recorder.made.size();
		String id;
		try (RawHttp raw = new RawHttp(this.port)) {
			raw.write(RawHttp.rfc6455Request("/echo", this.port, null));
			assertThat(raw.readHead()).startsWith("HTTP/1.1 101");
			await().atMost(Duration.ofSeconds(10)).until(() -> this.recorder.made.size() > before);
			id = this.recorder.made.get(this.recorder.made.size() - 1);
			raw.socket().setSoLinger(true, 0);
		}
		assertThat(this.recorder.awaitLostOnce(id).code()).isEqualTo(1006);
	}

	@Test
	void closesWith1011WhenACallbackThrowsAndKeepsServingOthers(CapturedOutput output) throws Exception {
		JdkClient bystander = JdkClient.connect(uri("/echo"));
		JdkClient client = JdkClient.connect(uri("/echo"));
		String id = client.sendAndReceive("id");
		client.send("boom");
		assertThat(client.awaitCloseCode()).isEqualTo(1011);
		await().atMost(Duration.ofSeconds(10)).until(() -> !this.recorder.lostOf(id).isEmpty());
		assertThat(this.recorder.lostOf(id)).extracting(CloseReason::code).containsExactly(1011);
		assertThat(output).contains("Handler 'echo' (" + WireTestApplication.EchoHandler.class.getName()
				+ ") threw from messageReceived; closing connection " + id + " with 1011");
		assertThat(bystander.sendAndReceive("still here")).isEqualTo("You said: still here");
		JdkClient after = JdkClient.connect(uri("/echo"));
		assertThat(after.sendAndReceive("after")).isEqualTo("You said: after");
		after.close();
		bystander.close();
	}

	@Test
	void deliversAThousandMessagesSentFromEightThreadsIntact() throws Exception {
		JdkClient client = JdkClient.connect(uri("/burst"));
		client.send("go");
		List<String> received = client.next(1000);
		Set<String> distinct = new HashSet<>(received);
		assertThat(distinct).hasSize(1000);
		Map<String, Integer> lastByThread = new HashMap<>();
		for (String message : received) {
			String[] parts = message.split(":");
			assertThat(parts).hasSize(3);
			assertThat(parts[2]).isEqualTo("x".repeat(200));
			int index = Integer.parseInt(parts[1]);
			Integer previous = lastByThread.put(parts[0], index);
			assertThat(index).isEqualTo((previous != null) ? previous + 1 : 0);
		}
		assertThat(lastByThread).hasSize(8).allSatisfy((thread, last) -> assertThat(last).isEqualTo(124));
		client.close();
	}

	@Test
	void passesA60KbMessageWithTheDefaultLimit() throws Exception {
		JdkClient client = JdkClient.connect(uri("/echo"));
		String big = "é".repeat(30_000);
		assertThat(client.sendAndReceive(big)).isEqualTo("You said: " + big);
		client.close();
	}

	@Test
	void servesAPlainSpringHandler() throws Exception {
		JdkClient client = JdkClient.connect(uri("/spring"));
		assertThat(client.sendAndReceive("hi")).isEqualTo("spring: hi");
		client.close();
	}

	@Test
	void answersAPlainGetOnAWebSocketPathWithoutUpgrading() throws IOException {
		try (RawHttp raw = new RawHttp(this.port)) {
			raw.write("GET /echo HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
			assertThat(raw.readHead()).startsWith("HTTP/1.1 400");
		}
	}

}
