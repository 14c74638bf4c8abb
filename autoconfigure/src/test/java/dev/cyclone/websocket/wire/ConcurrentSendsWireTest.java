package dev.cyclone.websocket.wire;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import dev.cyclone.websocket.WebSocketConnections;
import dev.cyclone.websocket.support.JdkClient;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Broadcasts from several threads while every peer exchanges echoes: each frame arrives
 * whole (sizes in every RFC 6455 length form, some larger than a socket takes at once),
 * each broadcaster's messages in its order, no echo lost, on RFC 6455 (whose Tomcat
 * writes go straight to the socket when its lock is free and through Tomcat's send when a
 * reading thread holds it) and Hixie-76 alike.
 */
@SpringBootTest(classes = WireTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("wire")
class ConcurrentSendsWireTest {

	private static final int MODERN_PEERS = 12;

	private static final int LEGACY_PEERS = 4;

	private static final int BROADCASTERS = 3;

	private static final int BROADCASTS = 100;

	private static final int ECHOES = 100;

	@LocalServerPort
	int port;

	@Autowired
	WebSocketConnections connections;

	@Test
	void deliversEveryFrameWholeAndInOrderUnderConcurrentSenders() throws Exception {
		List<JdkClient> modern = new ArrayList<>();
		List<RawHixie> legacy = new ArrayList<>();
		Set<String> ids = ConcurrentHashMap.newKeySet();
		ExecutorService threads = Executors.newFixedThreadPool(BROADCASTERS + MODERN_PEERS + LEGACY_PEERS);
		try {
			for (int i = 0; i < MODERN_PEERS; i++) {
				JdkClient client = JdkClient.connect(URI.create("ws://127.0.0.1:" + this.port + "/echo"));
				modern.add(client);
				ids.add(client.sendAndReceive("id"));
			}
			for (int i = 0; i < LEGACY_PEERS; i++) {
				RawHixie peer = new RawHixie(this.port).open76("/echo");
				legacy.add(peer);
				ids.add(peer.sendAndReceive("id"));
			}
			List<Future<?>> work = new ArrayList<>();
			for (int b = 0; b < BROADCASTERS; b++) {
				int broadcaster = b;
				work.add(threads.submit(() -> {
					for (int n = 0; n < BROADCASTS; n++) {
						this.connections.broadcast(broadcast(broadcaster, n), (c) -> ids.contains(c.id()));
					}
				}));
			}
			for (JdkClient client : modern) {
				work.add(threads.submit(() -> {
					for (int n = 0; n < ECHOES; n++) {
						client.send("e" + n);
					}
					return null;
				}));
			}
			for (RawHixie peer : legacy) {
				work.add(threads.submit(() -> {
					for (int n = 0; n < ECHOES; n++) {
						peer.sendText("e" + n);
					}
					return null;
				}));
			}
			for (Future<?> done : work) {
				done.get();
			}
			for (JdkClient client : modern) {
				check(client.next(BROADCASTERS * BROADCASTS + ECHOES));
			}
			for (RawHixie peer : legacy) {
				List<String> received = new ArrayList<>();
				for (int i = 0; i < BROADCASTERS * BROADCASTS + ECHOES; i++) {
					received.add(peer.readFrame());
				}
				check(received);
			}
		}
		finally {
			threads.shutdownNow();
			modern.forEach(JdkClient::close);
			for (RawHixie peer : legacy) {
				peer.close();
			}
		}
	}

	/**
	 * A broadcast of a size in one of the length forms: 7 bits, 16 bits, 64 bits now and
	 * then.
	 */
	private static String broadcast(int broadcaster, int n) {
		int size = (n % 50 == 49) ? 70_000 : (n % 3 == 0) ? 300 : 20;
		String head = "b" + broadcaster + "-" + n + ":";
		return head + "x".repeat(size - head.length());
	}

	/** Every broadcast whole and in its broadcaster's order, every echo in order. */
	private static void check(List<String> received) {
		Map<Integer, Integer> nextBroadcast = new HashMap<>();
		int nextEcho = 0;
		for (String message : received) {
			if (message.startsWith("You said: e")) {
				assertThat(message).isEqualTo("You said: e" + nextEcho++);
			}
			else {
				int broadcaster = Integer.parseInt(message.substring(1, message.indexOf('-')));
				int n = nextBroadcast.merge(broadcaster, 1, Integer::sum) - 1;
				assertThat(message).isEqualTo(broadcast(broadcaster, n));
			}
		}
		assertThat(nextEcho).isEqualTo(ECHOES);
		assertThat(nextBroadcast).hasSize(BROADCASTERS)
			.allSatisfy((broadcaster, count) -> assertThat(count).isEqualTo(BROADCASTS));
	}

}
