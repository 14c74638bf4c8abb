package dev.cyclone.websocket.wire;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import dev.cyclone.websocket.WebSocketConnections;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Handlers that send at once over Hixie-76: {@value #CONNECTIONS} browser-like peers
 * (request head, key3 and a first frame in one write) to a handler that sends a welcome
 * in {@code connectionMade}, broadcasts a join notice to its room and echoes. None may be
 * closed, and every message must arrive: the welcome, the echo of the frame that came
 * with key3, and in each room as many join notices as the broadcasts queued (at least one
 * per member that joined at or after a peer: joins that overlap reach each other).
 */
@SpringBootTest(classes = WireTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("wire")
class HixieSendOnOpenWireTest {

	private static final int CONNECTIONS = 1000;

	private static final int ROOM_SIZE = 10;

	@LocalServerPort
	private int port;

	@Autowired
	private WebSocketConnections connections;

	@Autowired
	private Recorder recorder;

	@Test
	void everyPeerOfAHandlerThatSendsAtOnceGetsEveryMessageAndStaysOpen() throws Exception {
		int rooms = CONNECTIONS / ROOM_SIZE;
		List<RawHixie> peers = new ArrayList<>();
		ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
		ExecutorService clients = Executors.newFixedThreadPool(50, new CustomizableThreadFactory("greet-client-"));
		try {
			List<Future<RawHixie>> opening = new ArrayList<>();
			for (int i = 0; i < CONNECTIONS; i++) {
				String path = "/greet/room-" + (i % rooms);
				opening.add(clients.submit(() -> open(path)));
			}
			for (Future<RawHixie> peer : opening) {
				peers.add(peer.get(60, TimeUnit.SECONDS));
			}
			await().atMost(java.time.Duration.ofSeconds(20))
				.until(() -> this.connections.count("greeter") == CONNECTIONS);
			Map<String, Integer> joinNoticesByRoom = new ConcurrentHashMap<>();
			List<Future<?>> finishing = new ArrayList<>();
			for (int i = 0; i < CONNECTIONS; i++) {
				RawHixie peer = peers.get(i);
				String room = "room-" + (i % rooms);
				finishing.add(clients.submit(() -> {
					try {
						int joins = readUntilDone(peer);
						joinNoticesByRoom.merge(room, joins, Integer::sum);
					}
					catch (IOException | AssertionError ex) {
						failures.add(room + ": " + ex);
					}
				}));
			}
			for (Future<?> done : finishing) {
				done.get(60, TimeUnit.SECONDS);
			}
			assertThat(failures).isEmpty();
			assertThat(joinNoticesByRoom).hasSize(rooms)
				.allSatisfy((room, joins) -> assertThat(joins).as("join notices in %s", room)
					.isEqualTo(this.recorder.broadcastsQueued.get("/greet/" + room))
					.isGreaterThanOrEqualTo(ROOM_SIZE * (ROOM_SIZE + 1) / 2));
			assertThat(this.connections.count("greeter")).isEqualTo(CONNECTIONS);
		}
		finally {
			clients.shutdownNow();
			for (RawHixie peer : peers) {
				peer.close();
			}
		}
		await().atMost(java.time.Duration.ofSeconds(20)).until(() -> this.connections.count("greeter") == 0);
	}

	/** Head, key3 and a first frame in one write; checks the handshake. */
	private RawHixie open(String path) throws IOException {
		RawHixie peer = new RawHixie(this.port);
		peer.write(RawHixie.concat(peer.head76(path).getBytes(java.nio.charset.StandardCharsets.ISO_8859_1),
				RawHixie.KEY3, RawHixie.frame("hello")));
		assertThat(peer.readHead()).startsWith("HTTP/1.1 101");
		assertThat(peer.readAnswer()).isEqualTo(RawHixie.ANSWER);
		return peer;
	}

	/**
	 * Ask for a last echo, which the server queues after every join notice (all peers had
	 * their answer, so every join was broadcast), and read up to it. Join notices of
	 * peers that joined at the same time may come before the welcome: a connection is
	 * registered just before its {@code connectionMade} runs.
	 * @return how many join notices arrived
	 */
	private static int readUntilDone(RawHixie peer) throws IOException {
		peer.sendText("done");
		int joins = 0;
		int welcomes = 0;
		boolean echoed = false;
		while (true) {
			String frame = peer.readFrame();
			switch (frame) {
				case "joined" -> joins++;
				case "welcome" -> welcomes++;
				case "echo hello" -> echoed = true;
				case "echo done" -> {
					assertThat(welcomes).as("welcomes").isOne();
					assertThat(echoed).as("echo of the frame sent with key3").isTrue();
					return joins;
				}
				default -> throw new AssertionError("Unexpected frame " + frame);
			}
		}
	}

}
