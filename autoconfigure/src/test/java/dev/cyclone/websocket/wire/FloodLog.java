package dev.cyclone.websocket.wire;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import dev.cyclone.websocket.CloseReason;

/**
 * What the flood handler saw, per connection: how many sends were accepted, whether one
 * was refused, and what {@code connectionLost} was told.
 */
final class FloodLog {

	/** The size of each flood message, in characters (ASCII, so also in bytes). */
	static final int MESSAGE_SIZE = 16 * 1024;

	/**
	 * The flood stops after offering this much, whatever {@code sendMessage} returned.
	 */
	static final long MAX_OFFERED = 64L * 1024 * 1024;

	/** The floods in the order they started. */
	final List<Flood> floods = new CopyOnWriteArrayList<>();

	final Map<String, List<CloseReason>> lost = new ConcurrentHashMap<>();

	Flood start(String connectionId, String protocol) {
		Flood flood = new Flood(connectionId, protocol);
		this.floods.add(flood);
		return flood;
	}

	void lost(String connectionId, CloseReason reason) {
		this.lost.computeIfAbsent(connectionId, (key) -> new CopyOnWriteArrayList<>()).add(reason);
	}

	List<CloseReason> lostOf(String connectionId) {
		return this.lost.getOrDefault(connectionId, List.of());
	}

	/** One flood: the sends of one connection. */
	static final class Flood {

		final String connectionId;

		final String protocol;

		/** How many sends returned {@code true}. */
		final AtomicInteger accepted = new AtomicInteger();

		/** Whether a send returned {@code false}. */
		final AtomicBoolean refused = new AtomicBoolean();

		/** Whether the sending thread stopped. */
		final AtomicBoolean finished = new AtomicBoolean();

		Flood(String connectionId, String protocol) {
			this.connectionId = connectionId;
			this.protocol = protocol;
		}

		long acceptedBytes() {
			return (long) this.accepted.get() * MESSAGE_SIZE;
		}

		@Override
		public String toString() {
			return "Flood[" + this.protocol + " " + this.connectionId + ": accepted " + this.accepted + " ("
					+ acceptedBytes() + " bytes), refused " + this.refused + ", finished " + this.finished + "]";
		}

	}

}
