package dev.cyclone.websocket.wire;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Without {@code cyclone.websocket.max-connections}, WebSockets stop at the web server's
 * connection limit less a tenth of it: with 20 connections, the 19th WebSocket handshake
 * of either protocol gets {@code 503} and plain HTTP is still answered.
 */
@SpringBootTest(classes = WireTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "server.tomcat.max-connections=20", "server.jetty.max-connections=20" })
@ActiveProfiles("wire")
class DefaultConnectionLimitWireTest {

	@LocalServerPort
	int port;

	@Test
	void leavesATenthOfTheWebServersConnectionsToHttp() throws Exception {
		List<RawHixie> open = new ArrayList<>();
		try {
			for (int i = 0; i < 18; i++) {
				RawHixie peer = new RawHixie(this.port).open76("/echo");
				open.add(peer);
				assertThat(peer.sendAndReceive("n" + i)).isEqualTo("You said: n" + i);
			}
			try (RawHixie refused = new RawHixie(this.port)) {
				refused.write(
						RawHixie.concat(refused.head76("/echo").getBytes(StandardCharsets.ISO_8859_1), RawHixie.KEY3));
				assertThat(refused.readHead()).startsWith("HTTP/1.1 503");
			}
			try (RawHttp refused = new RawHttp(this.port)) {
				refused.write(RawHttp.rfc6455Request("/echo", this.port, null));
				assertThat(refused.readHead()).startsWith("HTTP/1.1 503");
			}
			try (RawHttp http = new RawHttp(this.port)) {
				http.write("GET /index.html HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
				assertThat(http.readHead()).startsWith("HTTP/1.1 200");
			}
		}
		finally {
			for (RawHixie peer : open) {
				peer.close();
			}
		}
	}

}
