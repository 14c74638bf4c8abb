package dev.cyclone.websocket.wire;

import java.net.URI;

import org.junit.jupiter.api.Test;

import dev.cyclone.websocket.CloseReason;
import dev.cyclone.websocket.adapter.OpenConnections;
import dev.cyclone.websocket.support.JdkClient;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Closing the application context closes every connection, RFC 6455 with 1001 and Hixie
 * with {@code 0xFF 0x00}, refuses new handshakes, and runs {@code connectionLost} for
 * each before the context is gone.
 */
class ShutdownWireTest {

	@Test
	void closingTheContextClosesConnectionsWithGoingAwayAndReportsThemFirst() throws Exception {
		ConfigurableApplicationContext context = new SpringApplicationBuilder(WireTestApplication.class)
			.profiles("wire")
			.properties("server.port=0")
			.run();
		Recorder recorder = context.getBean(Recorder.class);
		int port = ((WebServerApplicationContext) context).getWebServer().getPort();
		JdkClient first = JdkClient.connect(URI.create("ws://127.0.0.1:" + port + "/echo"));
		JdkClient second = JdkClient.connect(URI.create("ws://127.0.0.1:" + port + "/echo"));
		String firstId = first.sendAndReceive("id");
		String secondId = second.sendAndReceive("id");
		try (RawHixie legacy = new RawHixie(port).open76("/echo")) {
			String legacyId = legacy.sendAndReceive("id");

			context.close();

			assertThat(recorder.lostOf(firstId)).extracting(CloseReason::code).containsExactly(1001);
			assertThat(recorder.lostOf(secondId)).extracting(CloseReason::code).containsExactly(1001);
			assertThat(recorder.lostOf(legacyId)).extracting(CloseReason::code).containsExactly(1001);
			assertThat(first.awaitCloseCode()).isEqualTo(1001);
			assertThat(second.awaitCloseCode()).isEqualTo(1001);
			assertThat(legacy.readFrame()).isEqualTo(RawHixie.CLOSE);
		}
	}

	@Test
	void refusesNewHandshakesWith503OnceShutdownBegan() throws Exception {
		ConfigurableApplicationContext context = new SpringApplicationBuilder(WireTestApplication.class)
			.profiles("wire")
			.properties("server.port=0")
			.run();
		try {
			int port = ((WebServerApplicationContext) context).getWebServer().getPort();
			context.getBean(OpenConnections.class).stop();
			for (String path : new String[] { "/echo", "/spring" }) {
				try (RawHttp raw = new RawHttp(port)) {
					raw.write(RawHttp.rfc6455Request(path, port, null));
					assertThat(raw.readHead()).startsWith("HTTP/1.1 503");
				}
			}
			try (RawHixie hixie = new RawHixie(port)) {
				hixie.write(hixie.head76("/echo"));
				assertThat(hixie.readHead()).startsWith("HTTP/1.1 503");
			}
		}
		finally {
			context.close();
		}
	}

}
