package dev.cyclone.websocket.wire;

import java.net.URI;
import java.time.Duration;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import dev.cyclone.websocket.support.JdkClient;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The Micrometer metrics move as connections of each protocol open, exchange messages,
 * close and get refused; the close codes peers send make a bounded set of series.
 */
@SpringBootTest(classes = { WireTestApplication.class, MetricsWireTest.Registry.class },
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("wire")
class MetricsWireTest {

	@LocalServerPort
	int port;

	@Autowired
	MeterRegistry registry;

	@Test
	void countsConnectionsMessagesBytesClosesAndRefusalsPerProtocol() throws Exception {
		JdkClient modern = JdkClient.connect(URI.create("ws://127.0.0.1:" + this.port + "/echo"));
		try (RawHixie legacy = new RawHixie(this.port).open76("/echo")) {
			await().atMost(Duration.ofSeconds(10)).until(() -> gauge("rfc6455") == 1 && gauge("hixie-76") == 1);
			assertThat(modern.sendAndReceive("héllo")).isEqualTo("You said: héllo");
			assertThat(legacy.sendAndReceive("hi")).isEqualTo("You said: hi");
			// a reply can reach the client before the server has counted it: wait for the
			// counts to settle
			await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
				assertThat(counter("websocket.messages.received", "rfc6455")).isEqualTo(1);
				assertThat(counter("websocket.bytes.received", "rfc6455")).isEqualTo(6);
				assertThat(counter("websocket.messages.sent", "rfc6455")).isEqualTo(1);
				assertThat(counter("websocket.bytes.sent", "rfc6455")).isEqualTo(16);
				assertThat(counter("websocket.messages.received", "hixie-76")).isEqualTo(1);
				assertThat(counter("websocket.bytes.sent", "hixie-76")).isEqualTo(12);
			});
			legacy.sendClose();
			assertThat(legacy.readFrame()).isEqualTo(RawHixie.CLOSE);
		}
		modern.close();
		await().atMost(Duration.ofSeconds(10)).until(() -> gauge("rfc6455") == 0 && gauge("hixie-76") == 0);
		assertThat(this.registry.get("websocket.closes")
			.tags("handler", "echo", "protocol", "rfc6455", "code", "1000")
			.counter()
			.count()).isEqualTo(1);
		assertThat(this.registry.get("websocket.closes")
			.tags("handler", "echo", "protocol", "hixie-76", "code", "1000")
			.counter()
			.count()).isEqualTo(1);

		try (RawHixie foreign = new RawHixie(this.port)) {
			foreign.write(foreign.head76("/echo", "Origin: http://evil.example\r\n"));
			assertThat(foreign.readHead()).startsWith("HTTP/1.1 403");
		}
		try (RawHixie badKey = new RawHixie(this.port)) {
			badKey.write("GET /echo HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: WebSocket\r\nConnection: Upgrade\r\n"
					+ "Sec-WebSocket-Key1: 1 2 3 7\r\nSec-WebSocket-Key2: 1 2\r\n\r\n");
			assertThat(badKey.readHead()).startsWith("HTTP/1.1 400");
		}
		try (RawHttp forbidden = new RawHttp(this.port)) {
			forbidden.write(RawHttp.rfc6455Request("/guarded", this.port, null));
			assertThat(forbidden.readHead()).startsWith("HTTP/1.1 403");
		}
		assertThat(refused("echo", "origin")).isEqualTo(1);
		assertThat(refused("echo", "bad-key")).isEqualTo(1);
		assertThat(refused("guarded", "forbidden")).isEqualTo(1);
	}

	@Test
	void peersCloseCodesMakeABoundedSetOfSeries() {
		for (int code = 4000; code < 4060; code++) {
			closeWith(code);
		}
		closeWith(3001);
		closeWith(1001);
		await().atMost(Duration.ofSeconds(10))
			.until(() -> this.registry.find("websocket.closes")
				.tag("handler", "modernEcho")
				.counters()
				.stream()
				.mapToDouble(Counter::count)
				.sum() == 62);
		assertThat(this.registry.find("websocket.closes").tag("handler", "modernEcho").counters())
			.extracting((counter) -> counter.getId().getTag("code") + "=" + (int) counter.count())
			.containsExactlyInAnyOrder("4xxx=60", "3xxx=1", "1001=1");
	}

	private void closeWith(int code) {
		JdkClient client = JdkClient.connect(URI.create("ws://127.0.0.1:" + this.port + "/modern"));
		client.webSocket().sendClose(code, "bye").join();
		assertThat(client.awaitCloseCode()).isEqualTo(code);
	}

	private double gauge(String protocol) {
		Gauge gauge = this.registry.find("websocket.connections").tags("handler", "echo", "protocol", protocol).gauge();
		return (gauge != null) ? gauge.value() : 0;
	}

	private double counter(String name, String protocol) {
		Counter counter = this.registry.find(name).tags("handler", "echo", "protocol", protocol).counter();
		return (counter != null) ? counter.count() : 0;
	}

	private double refused(String handler, String reason) {
		return this.registry.get("websocket.handshakes.refused")
			.tags("handler", handler, "reason", reason)
			.counter()
			.count();
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class Registry {

		@Bean
		MeterRegistry meterRegistry() {
			return new SimpleMeterRegistry();
		}

	}

}
