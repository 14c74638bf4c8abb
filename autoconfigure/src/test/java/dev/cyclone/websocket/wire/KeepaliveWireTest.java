package dev.cyclone.websocket.wire;

import java.net.URI;
import java.time.Duration;

import org.junit.jupiter.api.Nested;
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
 * The idle timeout on every protocol and the RFC 6455 keepalive pings, with real clients:
 * a silent peer is closed with 1001 and {@code connectionLost} says why; a peer that
 * answers pings or talks stays.
 */
@ExtendWith(OutputCaptureExtension.class)
class KeepaliveWireTest {

	@Nested
	@SpringBootTest(classes = WireTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
			properties = "cyclone.websocket.idle-timeout=1s")
	@ActiveProfiles("wire")
	class IdleTimeout {

		@LocalServerPort
		int port;

		@Autowired
		Recorder recorder;

		@Test
		void closesASilentRfc6455PeerWith1001(CapturedOutput output) throws Exception {
			JdkClient client = JdkClient.connect(URI.create("ws://127.0.0.1:" + this.port + "/echo"));
			String id = client.sendAndReceive("id");
			assertThat(client.awaitCloseCode()).isEqualTo(1001);
			await().atMost(Duration.ofSeconds(10)).until(() -> !this.recorder.lostOf(id).isEmpty());
			assertThat(this.recorder.lostOf(id)).containsExactly(new CloseReason(1001, "Idle for PT1S"));
			assertThat(output).contains("Closing connection " + id).contains("with 1001: Idle for PT1S");
		}

		@Test
		void closesASilentHixiePeerWithTheClosingFrame() throws Exception {
			try (RawHixie hixie = new RawHixie(this.port).open76("/echo")) {
				String id = hixie.sendAndReceive("id");
				assertThat(hixie.readFrame()).isEqualTo(RawHixie.CLOSE);
				await().atMost(Duration.ofSeconds(10)).until(() -> !this.recorder.lostOf(id).isEmpty());
				assertThat(this.recorder.lostOf(id)).extracting(CloseReason::code).containsExactly(1001);
			}
		}

		@Test
		void keepsAPeerThatTalks() throws Exception {
			JdkClient client = JdkClient.connect(URI.create("ws://127.0.0.1:" + this.port + "/echo"));
			for (int i = 0; i < 8; i++) {
				assertThat(client.sendAndReceive("still here " + i)).isEqualTo("You said: still here " + i);
				Thread.sleep(300);
			}
			client.close();
		}

	}

	@Nested
	@SpringBootTest(classes = WireTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
			properties = { "cyclone.websocket.ping-interval=200ms", "cyclone.websocket.ping-timeout=1s" })
	@ActiveProfiles("wire")
	class Pings {

		@LocalServerPort
		int port;

		@Autowired
		Recorder recorder;

		@Test
		void keepsAPeerThatAnswersPingsAndTellsTheHandlerOfPongs() throws Exception {
			JdkClient client = JdkClient.connect(URI.create("ws://127.0.0.1:" + this.port + "/echo"));
			String id = client.sendAndReceive("id");
			await().atMost(Duration.ofSeconds(10))
				.until(() -> this.recorder.pongs.stream().filter(id::equals).count() >= 3);
			assertThat(client.sendAndReceive("alive")).isEqualTo("You said: alive");
			assertThat(this.recorder.lostOf(id)).isEmpty();
			client.close();
		}

		@Test
		void closesAPeerThatStopsAnsweringWith1001() throws Exception {
			int before = this.recorder.made.size();
			try (RawHttp raw = new RawHttp(this.port)) {
				raw.write(RawHttp.rfc6455Request("/echo", this.port, null));
				assertThat(raw.readHead()).startsWith("HTTP/1.1 101");
				await().atMost(Duration.ofSeconds(10)).until(() -> this.recorder.made.size() > before);
				String id = this.recorder.made.get(this.recorder.made.size() - 1);
				await().atMost(Duration.ofSeconds(10)).until(() -> !this.recorder.lostOf(id).isEmpty());
				assertThat(this.recorder.lostOf(id)).containsExactly(new CloseReason(1001, "No pong within PT1S"));
			}
		}

		@Test
		void letsTheHandlerPingOnRfc6455ButNotOnHixie() throws Exception {
			JdkClient client = JdkClient.connect(URI.create("ws://127.0.0.1:" + this.port + "/echo"));
			assertThat(client.sendAndReceive("ping")).isEqualTo("ping queued: true");
			client.close();
			try (RawHixie hixie = new RawHixie(this.port).open76("/echo")) {
				assertThat(hixie.sendAndReceive("ping")).isEqualTo("ping queued: false");
			}
		}

	}

}
