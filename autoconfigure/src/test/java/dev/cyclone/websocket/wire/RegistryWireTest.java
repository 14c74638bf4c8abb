package dev.cyclone.websocket.wire;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.cyclone.websocket.WebSocketConnection;
import dev.cyclone.websocket.WebSocketConnections;
import dev.cyclone.websocket.WebSocketProtocol;
import dev.cyclone.websocket.support.JdkClient;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The registry of open connections with clients of both protocols: counting, lookup,
 * selection and one broadcast reaching everybody, and the count back to zero after abrupt
 * drops.
 */
@SpringBootTest(classes = WireTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("wire")
class RegistryWireTest {

	@LocalServerPort
	int port;

	@Autowired
	WebSocketConnections connections;

	@Test
	void broadcastsToConnectionsOfBothProtocolsAndSelects() throws Exception {
		int before = this.connections.count();
		JdkClient modern = JdkClient.connect(URI.create("ws://127.0.0.1:" + this.port + "/echo"));
		try (RawHixie legacy = new RawHixie(this.port).open76("/echo");
				RawHixie inRoom = new RawHixie(this.port).open76("/rooms/attic")) {
			String modernId = modern.sendAndReceive("id");
			String legacyId = legacy.sendAndReceive("id");
			assertThat(this.connections.count()).isEqualTo(before + 3);
			assertThat(this.connections.ofHandler("echo")).extracting(WebSocketConnection::id)
				.contains(modernId, legacyId);
			assertThat(this.connections.count("room")).isEqualTo(1);
			assertThat(this.connections.onPath("/rooms/attic")).hasSize(1);
			assertThat(this.connections.get(legacyId)).get()
				.extracting(WebSocketConnection::protocol)
				.isEqualTo(WebSocketProtocol.HIXIE_76);
			assertThat(this.connections.select((c) -> "intercepted".equals(c.attributes().get("tag"))))
				.hasSize(this.connections.count());

			int queued = this.connections.broadcast("news", (c) -> c.handlerName().equals("echo"));
			assertThat(queued).isGreaterThanOrEqualTo(2);
			assertThat(modern.next()).isEqualTo("news");
			assertThat(legacy.readFrame()).isEqualTo("news");

			this.connections.broadcast(Map.of("text", "json for the attic"),
					(c) -> "attic".equals(c.request().pathVariable("room")));
			assertThat(inRoom.readFrame()).isEqualTo("{\"text\":\"json for the attic\"}");
			assertThat(modern.sendAndReceive("after")).isEqualTo("You said: after");
		}
		modern.close();
		await().atMost(Duration.ofSeconds(10)).until(() -> this.connections.count() == before);
	}

	@Test
	void broadcastsABytesArrayAsBinaryToRfc6455ConnectionsOnly() throws Exception {
		JdkClient modern = JdkClient.connect(URI.create("ws://127.0.0.1:" + this.port + "/modern"));
		try (RawHixie legacy = new RawHixie(this.port).open76("/echo")) {
			String modernId = modern.sendAndReceive("id");
			String legacyId = legacy.sendAndReceive("id");
			int queued = this.connections.broadcast(new byte[] { 7, 8, 9 },
					(c) -> c.id().equals(modernId) || c.id().equals(legacyId));
			assertThat(queued).isEqualTo(1);
			assertThat(modern.nextBinary()).containsExactly(7, 8, 9);
			assertThat(legacy.sendAndReceive("still text")).isEqualTo("You said: still text");
		}
		finally {
			modern.close();
		}
	}

	@Test
	void forgetsConnectionsThatDropAbruptly() throws Exception {
		int before = this.connections.count();
		List<RawHixie> legacy = new java.util.ArrayList<>();
		for (int i = 0; i < 10; i++) {
			legacy.add(new RawHixie(this.port).open76("/echo"));
		}
		List<RawHttp> modern = new java.util.ArrayList<>();
		for (int i = 0; i < 10; i++) {
			RawHttp raw = new RawHttp(this.port);
			raw.write(RawHttp.rfc6455Request("/echo", this.port, null));
			assertThat(raw.readHead()).startsWith("HTTP/1.1 101");
			modern.add(raw);
		}
		await().atMost(Duration.ofSeconds(10)).until(() -> this.connections.count() == before + 20);
		for (RawHixie connection : legacy) {
			connection.http().socket().setSoLinger(true, 0);
			connection.close();
		}
		for (RawHttp connection : modern) {
			connection.socket().setSoLinger(true, 0);
			connection.close();
		}
		await().atMost(Duration.ofSeconds(10)).until(() -> this.connections.count() == before);
	}

}
