package dev.cyclone.websocket.wire;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import dev.cyclone.websocket.CloseReason;
import dev.cyclone.websocket.WebSocketConnections;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every close the server starts frees the socket, whatever the peer does: on a server
 * whose container takes only {@value #MAX_CONNECTIONS} connections, silent peers that
 * never send key3, never send anything after the handshake, or never answer a close frame
 * read end-of-stream within their timeout plus the close timeout (and the supervision's
 * sweep); the container's own connection count is back where it started, and plain HTTP
 * is served again. Measured on the container, not on the starter's bookkeeping.
 */
@SpringBootTest(classes = WireTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "server.tomcat.max-connections=" + SocketReleaseWireTest.MAX_CONNECTIONS,
				"server.jetty.max-connections=" + SocketReleaseWireTest.MAX_CONNECTIONS,
				"cyclone.websocket.hixie.handshake-timeout=1s", "cyclone.websocket.idle-timeout=2s",
				"cyclone.websocket.close-timeout=1s" })
@ActiveProfiles("wire")
class SocketReleaseWireTest {

	static final int MAX_CONNECTIONS = 50;

	private static final Duration HANDSHAKE_TIMEOUT = Duration.ofSeconds(1);

	private static final Duration IDLE_TIMEOUT = Duration.ofSeconds(2);

	private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(1);

	/**
	 * Two sweeps of the supervision (a quarter of the shortest timeout each) and
	 * scheduling.
	 */
	private static final Duration SLACK = Duration.ofMillis(1500);

	@LocalServerPort
	private int port;

	@Autowired
	private ApplicationContext context;

	@Autowired
	private WebSocketConnections connections;

	@Test
	void silentLegacyPeersEveryOneOfTheContainersSlotsLoseTheirSocketsAndHttpIsServedAgain() throws Exception {
		long before = ContainerConnections.baseline(this.context);
		ExecutorService peers = Executors.newFixedThreadPool(MAX_CONNECTIONS, new CustomizableThreadFactory("silent-"));
		try {
			List<Future<Boolean>> ended = new ArrayList<>();
			for (int i = 0; i < MAX_CONNECTIONS; i++) {
				int kind = i % 4;
				ended.add(peers.submit(() -> silentLegacyPeerEnds(kind)));
			}
			for (Future<Boolean> peer : ended) {
				assertThat(peer.get(30, TimeUnit.SECONDS)).as("end of stream within the timeout plus close timeout")
					.isTrue();
			}
		}
		finally {
			peers.shutdownNow();
		}
		assertContainerReleasedEverySocket(before);
		assertThat(get("/").statusCode()).isEqualTo(200);
	}

	/**
	 * Half the peers send a Hixie-76 head without key3, a quarter complete a Hixie-76
	 * handshake, a quarter a Hixie-75 one; then none sends anything.
	 */
	private boolean silentLegacyPeerEnds(int kind) throws IOException {
		try (RawHixie peer = new RawHixie(this.port)) {
			Duration timeout;
			if (kind % 2 == 0) {
				peer.write(peer.head76("/echo"));
				assertThat(peer.readHead()).startsWith("HTTP/1.1 101");
				timeout = HANDSHAKE_TIMEOUT;
			}
			else if (kind == 1) {
				peer.open76("/echo");
				timeout = IDLE_TIMEOUT;
			}
			else {
				peer.write(peer.head75("/echo"));
				assertThat(peer.readHead()).startsWith("HTTP/1.1 101");
				timeout = IDLE_TIMEOUT;
			}
			return peer.http().endsWithin(timeout.plus(CLOSE_TIMEOUT).plus(SLACK));
		}
	}

	@Test
	void rfc6455PeersThatNeverAnswerTheIdleTimeoutsCloseFrameLoseTheirSockets() throws Exception {
		long before = ContainerConnections.baseline(this.context);
		List<RawRfc6455> peers = new ArrayList<>();
		try {
			for (int i = 0; i < 10; i++) {
				peers.add(RawRfc6455.open(this.port, "/echo"));
			}
			for (RawRfc6455 peer : peers) {
				assertThat(peer.readMessage()).isEqualTo(RawRfc6455.CLOSE + 1001);
				assertThat(peer.http().endsWithin(CLOSE_TIMEOUT.plus(SLACK)))
					.as("end of stream within the close timeout")
					.isTrue();
			}
		}
		finally {
			for (RawRfc6455 peer : peers) {
				peer.close();
			}
		}
		assertContainerReleasedEverySocket(before);
	}

	@Test
	void aHixieCloseFromAnotherThreadFreesTheSocketAtOnce() throws Exception {
		long before = ContainerConnections.baseline(this.context);
		try (RawHixie peer = new RawHixie(this.port)) {
			peer.open76("/echo");
			String id = peer.sendAndReceive("id");
			this.connections.get(id).orElseThrow().close(CloseReason.NORMAL);
			assertThat(peer.readFrame()).isEqualTo(RawHixie.CLOSE);
			assertThat(peer.http().endsWithin(CLOSE_TIMEOUT.plus(SLACK))).isTrue();
		}
		assertContainerReleasedEverySocket(before);
	}

	@Test
	void anRfc6455CloseFromAnotherThreadThatThePeerNeverAnswersFreesTheSocket() throws Exception {
		long before = ContainerConnections.baseline(this.context);
		try (RawRfc6455 peer = RawRfc6455.open(this.port, "/echo")) {
			peer.sendText("id");
			String id = peer.readMessage();
			this.connections.get(id).orElseThrow().close(CloseReason.NORMAL);
			assertThat(peer.readMessage()).isEqualTo(RawRfc6455.CLOSE + 1000);
			assertThat(peer.http().endsWithin(CLOSE_TIMEOUT.plus(SLACK))).isTrue();
		}
		assertContainerReleasedEverySocket(before);
	}

	private void assertContainerReleasedEverySocket(long before) {
		ContainerConnections.awaitAtMost(this.context, before, Duration.ofSeconds(5));
		await().atMost(Duration.ofSeconds(5)).until(() -> this.connections.count() == 0);
	}

	private HttpResponse<String> get(String path) throws IOException, InterruptedException {
		HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
			.timeout(Duration.ofSeconds(5))
			.build();
		return client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
	}

}
