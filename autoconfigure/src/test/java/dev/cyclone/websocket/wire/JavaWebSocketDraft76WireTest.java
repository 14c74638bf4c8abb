package dev.cyclone.websocket.wire;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;

import dev.cyclone.websocket.CloseReason;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Hixie-76 on a real port with a third-party client: Java-WebSocket 1.3.4's
 * {@code Draft_76}, made deterministic with well-formed keys from a seeded random and a
 * same-origin {@code Origin}. The client itself checks the server's 16-byte answer and
 * the echoed origin before it reports the connection open.
 */
@SpringBootTest(classes = WireTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("wire")
class JavaWebSocketDraft76WireTest {

	@LocalServerPort
	int port;

	@Autowired
	Recorder recorder;

	private final Random keys = new Random(76);

	private final List<String> sentKeys = new CopyOnWriteArrayList<>();

	private JavaWebSocketClient connect(String path) throws InterruptedException {
		return JavaWebSocketClient.connect(URI.create("ws://127.0.0.1:" + this.port + path), this.keys, this.sentKeys,
				origin());
	}

	private String origin() {
		return "http://127.0.0.1:" + this.port;
	}

	@Test
	void echoesSeveralMessagesIncludingMultiByteUtf8() throws Exception {
		JavaWebSocketClient client = connect("/echo");
		assertThat(client.handshake().getHttpStatus()).isEqualTo((short) 101);
		assertThat(client.handshake().getFieldValue("Sec-WebSocket-Location"))
			.isEqualTo("ws://127.0.0.1:" + this.port + "/echo");
		assertThat(client.handshake().getFieldValue("Sec-WebSocket-Origin")).isEqualTo(origin());
		assertThat(client.sendAndReceive("Hello, world")).isEqualTo("You said: Hello, world");
		assertThat(client.sendAndReceive("héllo €")).isEqualTo("You said: héllo €");
		assertThat(client.sendAndReceive("日本語 \uD834\uDD1E")).isEqualTo("You said: 日本語 \uD834\uDD1E");
		assertThat(client.sendAndReceive("")).isEqualTo("You said: ");
		assertThat(client.sendAndReceive("count")).isEqualTo("5");
		assertThat(client.errors()).isEmpty();
		client.closeCleanly();
	}

	@Test
	void theInfoHandlerAnswersProtocolWithHixie76() throws Exception {
		JavaWebSocketClient client = connect("/info");
		assertThat(client.sendAndReceive("protocol")).isEqualTo("hixie-76");
		assertThat(client.sendAndReceive("remote")).isEqualTo("127.0.0.1");
		assertThat(client.sendAndReceive("attribute")).isEqualTo("intercepted");
		client.closeCleanly();
	}

	@Test
	void aCleanCloseByTheClientIsReportedExactlyOnceForThatConnection() throws Exception {
		JavaWebSocketClient client = connect("/echo");
		String id = client.sendAndReceive("id");
		assertThat(this.recorder.made).contains(id);
		assertThat(this.recorder.lostOf(id)).isEmpty();
		client.closeCleanly();
		assertThat(this.recorder.awaitLostOnce(id).code()).isEqualTo(1000);
	}

	@Test
	void twentyConsecutiveConnectEchoCloseCyclesAllSucceed() throws Exception {
		List<String> ids = new ArrayList<>();
		for (int i = 0; i < 20; i++) {
			JavaWebSocketClient client = connect("/echo");
			assertThat(client.sendAndReceive("cycle " + i)).isEqualTo("You said: cycle " + i);
			ids.add(client.sendAndReceive("id"));
			client.closeCleanly();
		}
		assertThat(ids).doesNotHaveDuplicates();
		assertThat(this.sentKeys).hasSize(40).doesNotHaveDuplicates().allMatch((key) -> key.matches("[0-9a-z ]+"));
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(ids).allSatisfy(
					(id) -> assertThat(this.recorder.lostOf(id)).extracting(CloseReason::code).containsExactly(1000)));
	}

}
