package dev.cyclone.websocket.wire;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import dev.cyclone.websocket.ConnectionSelector;
import dev.cyclone.websocket.WebSocketConnection;
import dev.cyclone.websocket.WebSocketConnections;
import dev.cyclone.websocket.cluster.ClusterDescription;
import dev.cyclone.websocket.support.JdkClient;
import dev.cyclone.websocket.support.RedisServer;

import org.springframework.context.ConfigurableApplicationContext;

import static dev.cyclone.websocket.wire.ClusterTestApplication.cluster;
import static dev.cyclone.websocket.wire.ClusterTestApplication.port;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Three application instances in one JVM sharing one real Redis: every kind of selector
 * delivers exactly once on every instance, never twice to the broadcasting instance's own
 * connections, across protocols both ways; one publisher's 10,000 messages arrive in
 * order; each instance sees the others and their connections. RFC 6455 peers are the
 * JDK's client, Hixie-76 peers raw sockets that check every byte (Netty's V00 client
 * decoder loses its place when a burst splits a frame across reads).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClusterWireTest {

	private RedisServer redis;

	private final List<ConfigurableApplicationContext> instances = new ArrayList<>();

	private final List<AutoCloseable> clients = new ArrayList<>();

	@BeforeAll
	void startInstances() throws Exception {
		this.redis = RedisServer.start();
		for (int i = 0; i < 3; i++) {
			this.instances.add(ClusterTestApplication.start(this.redis));
		}
		await().atMost(Duration.ofSeconds(30))
			.until(() -> this.instances.stream()
				.allMatch((instance) -> cluster(instance).isConnected()
						&& cluster(instance).describe().instances().size() == 3));
	}

	@AfterAll
	void stopInstances() throws Exception {
		for (AutoCloseable client : this.clients) {
			client.close();
		}
		this.instances.forEach(ConfigurableApplicationContext::close);
		this.redis.close();
	}

	@Test
	void everySelectorReachesItsConnectionsOnEveryInstanceExactlyOnce() throws Exception {
		Peer a1 = hixie(0, "/chat/lobby?user=alice&tier=gold");
		Peer a2 = modern(0, "/chat/attic?user=bob");
		Peer b1 = modern(1, "/chat/lobby?user=alice");
		Peer b2 = hixie(1, "/chat/attic?user=carol&tier=gold");
		Peer c1 = modern(2, "/other?user=alice");
		Peer c2 = hixie(2, "/chat/lobby");
		WebSocketConnection a1Connection = connections(0).get(a1.id).orElseThrow();

		assertThat(connections(0).broadcast("m1", ConnectionSelector.handler("chat"))).isEqualTo(2);
		connections(0).broadcast("m2", ConnectionSelector.path("/chat/lobby"));
		connections(0).broadcast("m3", ConnectionSelector.pathVariable("room", "attic"));
		connections(0).broadcast("m4", ConnectionSelector.principal("alice"));
		connections(0).broadcast("m5", ConnectionSelector.attribute("tier", "gold"));
		assertThat(connections(0).broadcast("m6",
				ConnectionSelector.pathVariable("room", "lobby").excluding(a1Connection)))
			.isZero();
		connections(1).broadcast("m7", ConnectionSelector.handler("chat").withPathVariable("room", "lobby"));
		connections(2).broadcast(Map.of("n", 8), ConnectionSelector.principal("alice"));
		connections(0).broadcast(new byte[] { 9 }, ConnectionSelector.all());
		for (int instance = 0; instance < 3; instance++) {
			connections(instance).broadcast("end");
		}
		// in order per publishing instance only: compare each publisher's part in order
		assertThat(a1.untilEnds(3)).containsExactlyInAnyOrder("m1", "m2", "m4", "m5", "m7", "{\"n\":8}");
		assertThat(a2.untilEnds(3)).containsExactlyInAnyOrder("m1", "m3");
		List<String> atB1 = b1.untilEnds(3);
		assertThat(atB1).containsExactlyInAnyOrder("m1", "m2", "m4", "m6", "m7", "{\"n\":8}");
		assertThat(atB1).filteredOn((message) -> message.matches("m[1-6]")).containsExactly("m1", "m2", "m4", "m6");
		assertThat(b2.untilEnds(3)).containsExactlyInAnyOrder("m1", "m3", "m5");
		assertThat(c1.untilEnds(3)).containsExactlyInAnyOrder("m4", "{\"n\":8}");
		assertThat(c2.untilEnds(3)).containsExactlyInAnyOrder("m1", "m2", "m6", "m7");
		for (Peer modern : List.of(a2, b1, c1)) {
			assertThat(modern.jdk.nextBinary()).containsExactly(9);
		}
	}

	@Test
	void tenThousandMessagesOfOnePublisherArriveInOrder() throws Exception {
		Peer listener = hixie(1, "/chat/order");
		int count = 10_000;
		for (int i = 0; i < count; i++) {
			connections(0).broadcast("n" + i, ConnectionSelector.path("/chat/order"));
		}
		connections(0).broadcast("end", ConnectionSelector.path("/chat/order"));
		List<String> received = listener.untilEnds(1);
		assertThat(received).hasSize(count);
		for (int i = 0; i < count; i++) {
			assertThat(received.get(i)).isEqualTo("n" + i);
		}
	}

	@Test
	void eachInstanceSeesTheOthersAndTheirConnections() throws Exception {
		modern(1, "/other?user=dave");
		hixie(2, "/other");
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			ClusterDescription seen = cluster(this.instances.get(0)).describe();
			assertThat(seen.instances()).hasSize(3);
			assertThat(seen.instances().get(0).self()).isTrue();
			assertThat(seen.connectionsByHandler().get("other")).isEqualTo(this.instances.stream()
				.mapToInt((instance) -> ClusterTestApplication.connections(instance).count("other"))
				.sum());
			assertThat(seen.openConnections()).isEqualTo(this.instances.stream()
				.mapToInt((instance) -> ClusterTestApplication.connections(instance).count())
				.sum());
		});
	}

	private Peer modern(int instance, String path) throws Exception {
		JdkClient client = JdkClient.connect(uri(instance, path));
		this.clients.add(client::close);
		return new Peer(client.sendAndReceive("id"), client::next, client);
	}

	private Peer hixie(int instance, String path) throws Exception {
		RawHixie client = new RawHixie(uri(instance, path).getPort()).open76(path);
		this.clients.add(client);
		return new Peer(client.sendAndReceive("id"), client::readFrame, null);
	}

	private URI uri(int instance, String path) {
		return URI.create("ws://127.0.0.1:" + port(this.instances.get(instance)) + path);
	}

	private WebSocketConnections connections(int instance) {
		return ClusterTestApplication.connections(this.instances.get(instance));
	}

	/** A client, its connection's id, and what it receives. */
	private record Peer(String id, Callable<String> next, JdkClient jdk) {

		/**
		 * @return what arrives until as many "end" messages as given did, these left out
		 */
		List<String> untilEnds(int ends) throws Exception {
			List<String> received = new ArrayList<>();
			int seen = 0;
			while (seen < ends) {
				String message = this.next.call();
				if (message.equals("end")) {
					seen++;
				}
				else {
					received.add(message);
				}
			}
			return received;
		}

	}

}
