package dev.cyclone.websocket.cluster;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The other instances this one has heard from: their last announcement, dropped after a
 * goodbye or when none came within the instance timeout. Thread-safe.
 */
final class ClusterView {

	/** The most instances the view holds: announcements of further ones are dropped. */
	static final int MAX_INSTANCES = 1024;

	private final Map<String, InstanceState> instances = new ConcurrentHashMap<>();

	private final Duration instanceTimeout;

	private final Clock clock;

	ClusterView(Duration instanceTimeout, Clock clock) {
		this.instanceTimeout = instanceTimeout;
		this.clock = clock;
	}

	/**
	 * Take an announcement.
	 * @param announcement what another instance said
	 * @return whether it was taken: not when the view is full and this is a new instance
	 */
	boolean heard(ClusterMessage.Announcement announcement) {
		if (!this.instances.containsKey(announcement.instance()) && this.instances.size() >= MAX_INSTANCES) {
			expire();
			if (this.instances.size() >= MAX_INSTANCES) {
				return false;
			}
		}
		this.instances.put(announcement.instance(), new InstanceState(announcement.instance(), announcement.name(),
				Map.copyOf(announcement.connections()), this.clock.instant()));
		return true;
	}

	void left(String instance) {
		this.instances.remove(instance);
	}

	/**
	 * @return the instances heard from within the instance timeout, by name
	 */
	List<InstanceState> instances() {
		expire();
		return this.instances.values().stream().sorted(Comparator.comparing(InstanceState::name)).toList();
	}

	/** Forget the instances not heard from within the instance timeout. */
	void expire() {
		Instant oldest = this.clock.instant().minus(this.instanceTimeout);
		this.instances.values().removeIf((instance) -> instance.lastHeard().isBefore(oldest));
	}

	/**
	 * Another instance as last heard of.
	 *
	 * @param id its id
	 * @param name its host and port
	 * @param connections its open connections by handler bean name
	 * @param lastHeard when its last announcement came
	 */
	record InstanceState(String id, String name, Map<String, Integer> connections, Instant lastHeard) {

	}

}
