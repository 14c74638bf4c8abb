package dev.cyclone.websocket.wire;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Key3 sent as a {@code Content-Length: 8} body, as Netty's and Perl's clients send it,
 * is taken without holding a container thread: more handshakes than the container has
 * threads can dribble it while plain HTTP is still answered, each completes once its last
 * byte comes, and one whose key3 never completes loses its socket.
 */
@SpringBootTest(classes = WireTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "server.tomcat.threads.max=4", "server.tomcat.threads.min-spare=1",
				"server.jetty.threads.max=12", "server.jetty.threads.min=4",
				"cyclone.websocket.hixie.handshake-timeout=3s", "cyclone.websocket.close-timeout=1s" })
@ActiveProfiles("wire")
@ExtendWith(OutputCaptureExtension.class)
class Key3BodyWireTest {

	private static final int HANDSHAKES = 16;

	@LocalServerPort
	int port;

	@Test
	void dribbledBodiesHoldNoThreadAndEachCompletes() throws Exception {
		List<RawHixie> peers = new ArrayList<>();
		try {
			for (int i = 0; i < HANDSHAKES; i++) {
				RawHixie peer = new RawHixie(this.port);
				peers.add(peer);
				peer.write(RawHixie.concat(
						peer.head76("/echo", "Content-Length: 8\r\n").getBytes(StandardCharsets.ISO_8859_1),
						Arrays.copyOfRange(RawHixie.KEY3, 0, 1)));
			}
			try (RawHttp http = new RawHttp(this.port)) {
				http.write("GET /index.html HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
				assertThat(http.readHead()).startsWith("HTTP/1.1 200");
			}
			for (int i = 1; i < RawHixie.KEY3.length; i++) {
				for (RawHixie peer : peers) {
					peer.write(new byte[] { RawHixie.KEY3[i] });
				}
			}
			for (RawHixie peer : peers) {
				assertThat(peer.readHead()).startsWith("HTTP/1.1 101");
				assertThat(peer.readAnswer()).isEqualTo(RawHixie.ANSWER);
				assertThat(peer.sendAndReceive("dribbled")).isEqualTo("You said: dribbled");
			}
		}
		finally {
			for (RawHixie peer : peers) {
				peer.close();
			}
		}
	}

	@Test
	void keyThreeAndAFrameInOneSegmentAfterTheHead() throws Exception {
		try (RawHixie peer = new RawHixie(this.port)) {
			peer.write(peer.head76("/echo", "Content-Length: 8\r\n"));
			peer.write(RawHixie.concat(RawHixie.KEY3, RawHixie.frame("at once")));
			assertThat(peer.readHead()).startsWith("HTTP/1.1 101");
			assertThat(peer.readAnswer()).isEqualTo(RawHixie.ANSWER);
			assertThat(peer.readFrame()).isEqualTo("You said: at once");
		}
	}

	@Test
	void anIncompleteBodyLosesItsSocket(CapturedOutput output) throws Exception {
		try (RawHixie peer = new RawHixie(this.port)) {
			peer.write(
					RawHixie.concat(peer.head76("/echo", "Content-Length: 8\r\n").getBytes(StandardCharsets.ISO_8859_1),
							Arrays.copyOfRange(RawHixie.KEY3, 0, 3)));
			assertThat(peer.http().endsWithin(Duration.ofSeconds(10))).isTrue();
		}
		assertThat(output).containsAnyOf("key3 did not arrive within the handshake timeout",
				"did not come within 3000 ms");
	}

	@Test
	void refusesABodyLongerThanKeyThree() throws Exception {
		try (RawHixie peer = new RawHixie(this.port)) {
			peer.write(peer.head76("/echo", "Content-Length: 9\r\n") + "123456789");
			assertThat(peer.readHead()).startsWith("HTTP/1.1 400");
		}
		try (RawHixie peer = new RawHixie(this.port)) {
			peer.write(peer.head76("/echo", "Transfer-Encoding: chunked\r\n") + "8\r\n12345678\r\n0\r\n\r\n");
			assertThat(peer.readHead()).startsWith("HTTP/1.1 400");
		}
	}

}
