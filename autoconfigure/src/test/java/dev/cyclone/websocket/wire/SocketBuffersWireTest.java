package dev.cyclone.websocket.wire;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.cyclone.websocket.wire.ContainerConnections.SocketBuffers;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

/**
 * What Tomcat's connector keeps for a legacy connection: none of its socket buffers while
 * the connection is open (the connection reads from the channel into a buffer of the
 * reading thread and writes with vectored writes, which need neither), the buffers back
 * at the connector's size once the connection closed (Tomcat keeps the channel for its
 * next connection), and plain HTTP served on the channels it reuses. RFC 6455 sessions
 * keep them: Tomcat reads their frames through them. Tomcat only; Jetty lends its buffers
 * from a pool only while a connection reads or writes.
 */
@SpringBootTest(classes = WireTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("wire")
class SocketBuffersWireTest {

	/** Tomcat's default {@code socket.appReadBufSize} and {@code appWriteBufSize}. */
	private static final int CONNECTOR_SIZE = 8192;

	@LocalServerPort
	private int port;

	@Autowired
	private ApplicationContext context;

	@BeforeEach
	void onTomcat() {
		assumeThat(ContainerConnections.isTomcat(this.context)).as("Tomcat's socket buffers").isTrue();
	}

	@Test
	void aHixie76ConnectionHoldsNoSocketBuffersWhileOpenAndGivesThemBackWhenItCloses() throws IOException {
		SocketBuffers held;
		try (RawHixie peer = new RawHixie(this.port)) {
			peer.open76("/echo");
			assertThat(peer.sendAndReceive("hello")).isEqualTo("You said: hello");
			held = buffersOf(peer.http());
			assertThat(held.readCapacity()).isZero();
			assertThat(held.writeCapacity()).isZero();
			assertThat(peer.sendAndReceive("x".repeat(3 * CONNECTOR_SIZE))).hasSize(3 * CONNECTOR_SIZE + 10);
			peer.sendClose();
			assertThat(peer.readFrame()).isEqualTo(RawHixie.CLOSE);
			assertThat(peer.serverClosed()).isTrue();
		}
		await().untilAsserted(() -> assertThat(SocketBuffers.of(held.holder()))
			.isEqualTo(new SocketBuffers(CONNECTOR_SIZE, CONNECTOR_SIZE, held.holder())));
	}

	@Test
	void aHixie75ConnectionHoldsNoSocketBuffers() throws IOException {
		try (RawHixie peer = new RawHixie(this.port)) {
			peer.write(peer.head75("/echo"));
			assertThat(peer.readHead()).startsWith("HTTP/1.1 101");
			assertThat(peer.sendAndReceive("hello")).isEqualTo("You said: hello");
			SocketBuffers held = buffersOf(peer.http());
			assertThat(held.readCapacity()).isZero();
			assertThat(held.writeCapacity()).isZero();
		}
	}

	@Test
	void anRfc6455ConnectionKeepsItsSocketBuffers() throws IOException {
		try (RawRfc6455 peer = RawRfc6455.open(this.port, "/echo")) {
			peer.sendText("hello");
			assertThat(peer.readMessage()).isEqualTo("You said: hello");
			SocketBuffers held = buffersOf(peer.http());
			assertThat(held.readCapacity()).isEqualTo(CONNECTOR_SIZE);
			assertThat(held.writeCapacity()).isEqualTo(CONNECTOR_SIZE);
		}
	}

	/**
	 * Channels that served legacy connections serve HTTP again, with the connector's
	 * buffers: legacy connections closed, then as many HTTP connections opened at once,
	 * which Tomcat gives the channels it kept (the last kept first), each request with a
	 * head larger than the empty buffers could hold.
	 */
	@Test
	void theChannelsOfClosedLegacyConnectionsServeHttpWithTheConnectorsBuffers() throws Exception {
		assumeThat(ContainerConnections.tomcatKeepsClosedChannels(this.context)).as("Tomcat keeps closed channels")
			.isTrue();
		int connections = 20;
		long before = ContainerConnections.baseline(this.context);
		Set<Object> legacyChannels = Collections.newSetFromMap(new IdentityHashMap<>());
		List<AutoCloseable> peers = new ArrayList<>();
		for (int i = 0; i < connections; i++) {
			RawHixie peer = new RawHixie(this.port);
			peers.add(peer);
			peer.open76("/echo");
			assertThat(peer.sendAndReceive("hello " + i)).isEqualTo("You said: hello " + i);
			legacyChannels.add(buffersOf(peer.http()).holder());
		}
		closeAll(peers);
		await().until(() -> ContainerConnections.count(this.context) == before);
		String padding = "p".repeat(2 * 1024);
		try {
			for (int i = 0; i < connections; i++) {
				RawHttp http = new RawHttp(this.port);
				peers.add(http);
				http.write("GET /no-such-page HTTP/1.1\r\nHost: 127.0.0.1:" + this.port + "\r\nX-Padding: " + padding
						+ "\r\n\r\n");
				assertThat(http.readHead()).startsWith("HTTP/1.1 404");
				SocketBuffers buffers = buffersOf(http);
				assertThat(legacyChannels).as("channels of the closed legacy connections").contains(buffers.holder());
				assertThat(buffers.readCapacity()).isEqualTo(CONNECTOR_SIZE);
				assertThat(buffers.writeCapacity()).isEqualTo(CONNECTOR_SIZE);
			}
		}
		finally {
			closeAll(peers);
		}
	}

	private static void closeAll(List<AutoCloseable> peers) throws Exception {
		for (AutoCloseable peer : peers) {
			peer.close();
		}
		peers.clear();
	}

	private SocketBuffers buffersOf(RawHttp connection) {
		SocketBuffers buffers = ContainerConnections.tomcatSocketBuffers(this.context,
				connection.socket().getLocalPort());
		assertThat(buffers).as("Tomcat's connection from port %d", connection.socket().getLocalPort()).isNotNull();
		return buffers;
	}

}
