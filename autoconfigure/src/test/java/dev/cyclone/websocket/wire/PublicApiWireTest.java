package dev.cyclone.websocket.wire;

import java.net.URI;

import org.junit.jupiter.api.Test;

import dev.cyclone.websocket.support.JdkClient;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a new user's handler sees, on every protocol: {@code connection().attributes()}
 * holds only what the application's interceptors put there, and
 * {@code close(code, reason)} refuses the codes RFC 6455 section 7.4 says are never sent,
 * with a message naming the allowed ranges, and sends the others.
 */
@SpringBootTest(classes = WireTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("wire")
class PublicApiWireTest {

	private static final String ALLOWED = "use 1000-1003, 1007-1014 or 3000-4999";

	@LocalServerPort
	int port;

	@Test
	void attributesHoldOnlyWhatTheApplicationPutThereOnEveryProtocol() throws Exception {
		JdkClient modern = JdkClient.connect(URI.create("ws://127.0.0.1:" + this.port + "/info"));
		try (RawHixie hixie76 = new RawHixie(this.port).open76("/info"); RawHixie hixie75 = new RawHixie(this.port)) {
			hixie75.write(hixie75.head75("/info"));
			assertThat(hixie75.readHead()).startsWith("HTTP/1.1 101");
			assertThat(modern.sendAndReceive("attributes")).isEqualTo("[tag]");
			assertThat(hixie76.sendAndReceive("attributes")).isEqualTo("[tag]");
			assertThat(hixie75.sendAndReceive("attributes")).isEqualTo("[tag]");
		}
		finally {
			modern.close();
		}
	}

	@Test
	void refusesCloseCodesThatAreNeverSentAndSendsTheOthers() throws Exception {
		JdkClient modern = JdkClient.connect(URI.create("ws://127.0.0.1:" + this.port + "/info"));
		for (String code : new String[] { "999", "1004", "1005", "1006", "1015", "1016", "2000", "2999", "5000" }) {
			assertThat(modern.sendAndReceive("close " + code)).startsWith("Close code " + code + " may not be sent")
				.contains(ALLOWED);
		}
		modern.send("close 4001");
		assertThat(modern.awaitCloseCode()).isEqualTo(4001);
		try (RawHixie hixie = new RawHixie(this.port).open76("/info")) {
			assertThat(hixie.sendAndReceive("close 1005")).contains(ALLOWED);
			hixie.write(RawHixie.frame("close 1012"));
			assertThat(hixie.readFrame()).isEqualTo(RawHixie.CLOSE);
		}
	}

}
