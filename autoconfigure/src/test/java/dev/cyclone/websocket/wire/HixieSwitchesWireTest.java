package dev.cyclone.websocket.wire;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The switches of the legacy protocols: off globally, the request goes on as if the
 * filter were not there (Spring answers a handshake without {@code Sec-WebSocket-Key}
 * with 400); one draft only, the other passes through.
 */
class HixieSwitchesWireTest {

	@Nested
	@SpringBootTest(classes = WireTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
			properties = "cyclone.websocket.hixie.enabled=false")
	@ActiveProfiles("wire")
	class SwitchedOff {

		@LocalServerPort
		int port;

		@Test
		void leavesLegacyHandshakesToSpring() throws Exception {
			try (RawHixie hixie = new RawHixie(this.port)) {
				hixie
					.write(RawHixie.concat(hixie.head76("/echo").getBytes(StandardCharsets.ISO_8859_1), RawHixie.KEY3));
				assertThat(hixie.readHead()).startsWith("HTTP/1.1 400");
			}
		}

	}

	@Nested
	@SpringBootTest(classes = WireTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
			properties = "cyclone.websocket.hixie.drafts=hixie-76")
	@ActiveProfiles("wire")
	class OnlyHixie76 {

		@LocalServerPort
		int port;

		@Test
		void acceptsHixie76AndLeavesHixie75ToSpring() throws Exception {
			try (RawHixie hixie = new RawHixie(this.port).open76("/echo")) {
				assertThat(hixie.sendAndReceive("76")).isEqualTo("You said: 76");
			}
			try (RawHixie hixie = new RawHixie(this.port)) {
				hixie.write(hixie.head75("/echo"));
				assertThat(hixie.readHead()).startsWith("HTTP/1.1 400");
			}
		}

	}

}
