package dev.cyclone.websocket.wire;

import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

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
		JdkClient modern = JdkClient.connect(URI.create("ws://127.0.0.1:" + this.port + "/echo"));
		String modernId = modern.sendAndReceive("id");
		String legacyId;
		try (RawHixie legacy = new RawHixie(this.port).open76("/echo");
				RawHixie inRoom = new RawHixie(this.port).open76("/rooms/attic")) {
			legacyId = legacy.sendAndReceive("id");
			// connectionMade follows the handshake: the attic connection is registered
			// shortly
			// after its client has read the handshake answer
			await().atMost(Duration.ofSeconds(10)).until(() -> this.connections.onPath("/rooms/attic").size() == 1);
			assertThat(this.connections.count()).isGreaterThanOrEqualTo(3);
			assertThat(this.connections.ofHandler("echo")).extracting(WebSocketConnection::id)
				.contains(modernId, legacyId);
			assertThat(this.connections.count("room")).isPositive();
			assertThat(this.connections.onPath("/rooms/attic")).hasSize(1);
			assertThat(this.connections.get(legacyId)).get()
				.extracting(WebSocketConnection::protocol)
				.isEqualTo(WebSocketProtocol.HIXIE_76);
			assertThat(this.connections.select((c) -> !"intercepted".equals(c.attributes().get("tag")))).isEmpty();

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
		await().atMost(Duration.ofSeconds(10))
			.until(() -> this.connections.get(modernId).isEmpty() && this.connections.get(legacyId).isEmpty()
					&& this.connections.onPath("/rooms/attic").isEmpty());
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
		Set<Integer> clientPorts = new HashSet<>();
		List<RawHixie> legacy = new ArrayList<>();
		for (int i = 0; i < 10; i++) {
			RawHixie hixie = new RawHixie(this.port).open76("/echo");
			clientPorts.add(hixie.http().socket().getLocalPort());
			legacy.add(hixie);
		}
		List<RawHttp> modern = new ArrayList<>();
		for (int i = 0; i < 10; i++) {
			RawHttp raw = new RawHttp(this.port);
			raw.write(RawHttp.rfc6455Request("/echo", this.port, null));
			assertThat(raw.readHead()).startsWith("HTTP/1.1 101");
			clientPorts.add(raw.socket().getLocalPort());
			modern.add(raw);
		}
		await().atMost(Duration.ofSeconds(10)).until(() -> connectionsFrom(clientPorts) == 20);
		assertThat(this.connections.count()).isGreaterThanOrEqualTo(20);
		for (RawHixie connection : legacy) {
			connection.http().socket().setSoLinger(true, 0);
			connection.close();
		}
		for (RawHttp connection : modern) {
			connection.socket().setSoLinger(true, 0);
			connection.close();
		}
		await().atMost(Duration.ofSeconds(10)).until(() -> connectionsFrom(clientPorts) == 0);
	}

	/**
	 * Counts the open connections whose peers use one of the given ports: other tests'
	 * connections in this shared context may still be closing, so totals are no
	 * reference.
	 */
	private int connectionsFrom(Set<Integer> clientPorts) {
		return this.connections.select((c) -> {
			InetSocketAddress peer = c.request().remoteAddress();
			return peer != null && clientPorts.contains(peer.getPort());
		}).size();
	}

}
