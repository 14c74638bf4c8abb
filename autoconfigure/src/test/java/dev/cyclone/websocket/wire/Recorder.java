package dev.cyclone.websocket.wire;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.cyclone.websocket.CloseReason;

import static org.awaitility.Awaitility.await;

/**
 * A bean the test handlers share: what {@code connectionMade} and {@code connectionLost}
 * saw, per connection id.
 */
final class Recorder {

	final List<String> made = new CopyOnWriteArrayList<>();

	final Map<String, List<CloseReason>> lost = new ConcurrentHashMap<>();

	/** The ids of the connections whose handler was told of a pong, once per pong. */
	final List<String> pongs = new CopyOnWriteArrayList<>();

	/** What {@code sendMessage} returned when called from {@code connectionLost}. */
	final Map<String, Boolean> sendAfterLost = new ConcurrentHashMap<>();

	/** Request path to how many connections queued a broadcast sent there. */
	final Map<String, Integer> broadcastsQueued = new ConcurrentHashMap<>();

	void made(String id) {
		this.made.add(id);
	}

	void lost(String id, CloseReason reason) {
		this.lost.computeIfAbsent(id, (key) -> new CopyOnWriteArrayList<>()).add(reason);
	}

	List<CloseReason> lostOf(String id) {
		return this.lost.getOrDefault(id, List.of());
	}

	/**
	 * Wait for the one {@code connectionLost} of a connection, and make sure no second
	 * one follows.
	 * @param id the connection's id
	 * @return why it was lost
	 */
	CloseReason awaitLostOnce(String id) {
		await().atMost(Duration.ofSeconds(10)).until(() -> !lostOf(id).isEmpty());
		await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> lostOf(id).size() == 1);
		return lostOf(id).get(0);
	}

}
