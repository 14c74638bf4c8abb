package dev.cyclone.websocket.wire;

import java.net.URI;
import java.time.Duration;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.cyclone.websocket.CloseReason;
import dev.cyclone.websocket.handshake.ConnectionLimits;
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
 * The limits on every protocol: message size (in bytes, one property), concurrent
 * connections (per handler and globally, refused with 503 before handler code runs), and
 * the compression switch.
 */
@ExtendWith(OutputCaptureExtension.class)
class LimitsWireTest {

	@Nested
	@SpringBootTest(classes = WireTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
			properties = { "cyclone.websocket.max-message-size=2KB",
					"cyclone.websocket.handlers.room.max-connections=2" })
	@ActiveProfiles("wire")
	class SmallLimits {

		@LocalServerPort
		int port;

		@Autowired
		Recorder recorder;

		URI uri(String path) {
			return URI.create("ws://127.0.0.1:" + this.port + path);
		}

		@Test
		void passesAMessageOfExactlyTheMaximumAndClosesWith1009OnOneByteMore(CapturedOutput output) throws Exception {
			JdkClient client = JdkClient.connect(uri("/echo"));
			String id = client.sendAndReceive("id");
			String maximum = "m".repeat(2048);
			assertThat(client.sendAndReceive(maximum)).isEqualTo("You said: " + maximum);
			client.send("m".repeat(2049));
			assertThat(client.awaitCloseCode()).isEqualTo(1009);
			await().atMost(Duration.ofSeconds(10)).until(() -> !this.recorder.lostOf(id).isEmpty());
			assertThat(this.recorder.lostOf(id)).extracting(CloseReason::code).containsExactly(1009);
			assertThat(output).contains("a message of 2049 bytes exceeds the maximum of 2048 bytes");
		}

		@Test
		void countsTextInUtf8BytesNotCharacters() throws Exception {
			JdkClient client = JdkClient.connect(uri("/echo"));
			client.send("€".repeat(700));
			assertThat(client.awaitCloseCode()).isEqualTo(1009);
		}

		@Test
		void boundsPlainSpringHandlersAndHixieConnectionsByTheSameProperty() throws Exception {
			JdkClient spring = JdkClient.connect(uri("/spring"));
			assertThat(spring.sendAndReceive("s".repeat(2000))).isEqualTo("spring: " + "s".repeat(2000));
			spring.send("s".repeat(3000));
			assertThat(spring.awaitCloseCode()).isEqualTo(1009);
			try (RawHixie hixie = new RawHixie(this.port).open76("/echo")) {
				hixie.sendText("h".repeat(3000));
				assertThat(hixie.readFrame()).isEqualTo(RawHixie.CLOSE);
			}
		}

		@Test
		void refusesAConnectionOverTheHandlersMaximumWith503OnEveryProtocol(CapturedOutput output) throws Exception {
			JdkClient first = JdkClient.connect(uri("/rooms/a"));
			JdkClient second = JdkClient.connect(uri("/rooms/b"));
			assertThat(first.sendAndReceive("1")).contains("\"room\":\"a\"");
			assertThat(second.sendAndReceive("2")).contains("\"room\":\"b\"");
			try (RawHttp raw = new RawHttp(this.port)) {
				raw.write(RawHttp.rfc6455Request("/rooms/c", this.port, null));
				assertThat(raw.readHead()).startsWith("HTTP/1.1 503");
			}
			try (RawHixie hixie = new RawHixie(this.port)) {
				hixie.write(hixie.head76("/rooms/c"));
				assertThat(hixie.readHead()).startsWith("HTTP/1.1 503");
			}
			assertThat(output).contains("with 503: the maximum of 2 connections of handler 'room' is reached");
			JdkClient other = JdkClient.connect(uri("/echo"));
			assertThat(other.sendAndReceive("other handlers")).isEqualTo("You said: other handlers");
			first.close();
			second.close();
			await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
				JdkClient again = JdkClient.connect(uri("/rooms/d"));
				assertThat(again.sendAndReceive("back")).contains("\"room\":\"d\"");
				again.close();
			});
			other.close();
		}

		@Test
		void neverNegotiatesPermessageDeflateByDefault() throws Exception {
			try (RawHttp raw = new RawHttp(this.port)) {
				raw.write(RawHttp.rfc6455Request("/echo", this.port, null)
					.replace("\r\n\r\n",
							"\r\nSec-WebSocket-Extensions: permessage-deflate; client_max_window_bits\r\n\r\n"));
				assertThat(raw.readHead()).startsWith("HTTP/1.1 101").doesNotContainIgnoringCase("permessage-deflate");
			}
		}

	}

	@Nested
	@SpringBootTest(classes = WireTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
			properties = { "cyclone.websocket.max-connections=1", "cyclone.websocket.permessage-deflate=true" })
	@ActiveProfiles("wire")
	class GlobalLimit {

		@LocalServerPort
		int port;

		@Autowired
		ConnectionLimits limits;

		@Test
		void refusesTheSecondConnectionOfAnyHandlerWith503() throws Exception {
			await().atMost(Duration.ofSeconds(10)).until(() -> this.limits.count() == 0);
			JdkClient only = JdkClient.connect(URI.create("ws://127.0.0.1:" + this.port + "/echo"));
			assertThat(only.sendAndReceive("counted")).isEqualTo("You said: counted");
			try (RawHixie hixie = new RawHixie(this.port)) {
				hixie.write(hixie.head76("/info"));
				assertThat(hixie.readHead()).startsWith("HTTP/1.1 503");
			}
			only.close();
		}

		@Test
		void negotiatesPermessageDeflateWhenEnabled() throws Exception {
			try (RawHttp raw = new RawHttp(this.port)) {
				raw.write(RawHttp.rfc6455Request("/spring", this.port, null)
					.replace("\r\n\r\n", "\r\nSec-WebSocket-Extensions: permessage-deflate\r\n\r\n"));
				assertThat(raw.readHead()).startsWith("HTTP/1.1 101").containsIgnoringCase("permessage-deflate");
			}
		}

	}

}
