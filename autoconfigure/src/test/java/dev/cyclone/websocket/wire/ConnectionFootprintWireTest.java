package dev.cyclone.websocket.wire;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.cyclone.websocket.WebSocketConnection;
import dev.cyclone.websocket.WebSocketConnections;
import dev.cyclone.websocket.WebSocketProtocol;
import dev.cyclone.websocket.support.JdkClient;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The heap the starter itself keeps for an idle connection (see {@link OwnedFootprint}):
 * handler instance, connection, outbound queue, the handshake request kept for
 * {@code request()}, timers and registry entries. Per protocol, after two connections
 * that warm the starter's structures up, {@value #MEASURED} idle connections to the echo
 * handler, each checked with one echo, then {@value #MEASURED} more that send a 1 KiB
 * {@code Cookie}: the budgets fail the build when a change makes every idle connection
 * heavier. Each test has an application of its own, so that no connection of another test
 * is still closing while it measures. The container's own buffers are measured from
 * outside by {@code benchmarks/run-scale.sh}.
 */
@SpringBootTest(classes = WireTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("wire")
@DirtiesContext(classMode = DirtiesContext.ClassMode.BEFORE_EACH_TEST_METHOD)
class ConnectionFootprintWireTest {

	/** Bytes the starter may keep per idle RFC 6455 connection (1,316 measured). */
	private static final long RFC6455_BUDGET = 1600;

	/** Bytes the starter may keep per idle Hixie-76 connection (1,812 measured). */
	private static final long HIXIE76_BUDGET = 2200;

	/** Bytes a 1 KiB cookie may add: its header value, kept once (1,094 measured). */
	private static final long COOKIE_BUDGET = 1152;

	private static final int MEASURED = 8;

	private static final String COOKIE = "session=" + "c".repeat(1016);

	@LocalServerPort
	private int port;

	@Autowired
	private WebSocketConnections connections;

	@Autowired
	private ApplicationContext context;

	private final List<AutoCloseable> peers = new ArrayList<>();

	@AfterEach
	void closePeers() throws Exception {
		for (AutoCloseable peer : this.peers) {
			peer.close();
		}
		await().until(() -> this.connections.count("echo") == 0);
	}

	@Test
	void anIdleRfc6455ConnectionKeepsLittle() throws Exception {
		assertWithinBudget(WebSocketProtocol.RFC_6455, RFC6455_BUDGET, (headers) -> {
			JdkClient client = JdkClient.connect(URI.create("ws://127.0.0.1:" + this.port + "/echo"), headers,
					List.of());
			this.peers.add(client::close);
			assertThat(client.sendAndReceive("hello")).isEqualTo("You said: hello");
		});
	}

	@Test
	void anIdleHixie76ConnectionKeepsLittle() throws Exception {
		assertWithinBudget(WebSocketProtocol.HIXIE_76, HIXIE76_BUDGET, (headers) -> {
			RawHixie peer = new RawHixie(this.port);
			this.peers.add(peer::close);
			String extra = headers.isEmpty() ? "" : "Cookie: " + headers.get("Cookie") + "\r\n";
			peer.write(
					RawHixie.concat(peer.head76("/echo", extra).getBytes(StandardCharsets.ISO_8859_1), RawHixie.KEY3));
			assertThat(peer.readHead()).startsWith("HTTP/1.1 101");
			assertThat(peer.readAnswer()).isEqualTo(RawHixie.ANSWER);
			assertThat(peer.sendAndReceive("hello")).isEqualTo("You said: hello");
		});
	}

	private void assertWithinBudget(WebSocketProtocol protocol, long budget, Peer peer) throws Exception {
		open(peer, 2, Map.of());
		OwnedFootprint warm = measure();
		open(peer, MEASURED, Map.of());
		OwnedFootprint plain = measure();
		open(peer, MEASURED, Map.of("Cookie", COOKIE));
		OwnedFootprint withCookie = measure();
		assertThat(this.connections.ofHandler("echo")).extracting(WebSocketConnection::protocol).containsOnly(protocol);
		OwnedFootprint perConnection = plain.perConnectionSince(warm, MEASURED);
		OwnedFootprint perCookieConnection = withCookie.perConnectionSince(plain, MEASURED);
		System.out.println(protocol + ", per idle connection: " + perConnection);
		System.out.println(protocol + ", per idle connection with a 1 KiB cookie: " + perCookieConnection);
		assertThat(perConnection.bytes()).as("%s", perConnection).isLessThanOrEqualTo(budget);
		assertThat(perCookieConnection.bytes()).as("%s", perCookieConnection)
			.isLessThanOrEqualTo(budget + COOKIE_BUDGET);
	}

	private void open(Peer peer, int count, Map<String, String> headers) throws Exception {
		int before = this.connections.count("echo");
		for (int i = 0; i < count; i++) {
			peer.open(headers);
		}
		await().until(() -> this.connections.count("echo") == before + count);
	}

	/** What the starter's singletons reach: its beans and the registry of connections. */
	private OwnedFootprint measure() {
		List<Object> roots = new ArrayList<>();
		for (String name : this.context.getBeanDefinitionNames()) {
			if (this.context.isSingleton(name)) {
				Object bean = this.context.getBean(name);
				String type = bean.getClass().getName();
				if (type.startsWith("dev.cyclone.websocket.") && !type.startsWith(getClass().getPackageName())) {
					roots.add(bean);
				}
			}
		}
		return OwnedFootprint.of(roots);
	}

	/** Opens one idle connection checked with one echo. */
	private interface Peer {

		void open(Map<String, String> headers) throws Exception;

	}

}
