package dev.cyclone.websocket.cluster;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Whether this instance hears its own announcements: each one Redis took should come back
 * on the subscription. One that has not come back within the instance timeout means the
 * subscription is lost even though Redis takes publishes. Announcements are numbered, so
 * an echo that arrives before Redis's answer to the publish counts too. Thread-safe.
 */
final class AnnouncementEcho {

	private final LongSupplier nanoTime;

	private long lastHeard;

	private long awaited;

	private long awaitedSinceNanos;

	AnnouncementEcho(LongSupplier nanoTime) {
		this.nanoTime = nanoTime;
	}

	/**
	 * Redis took an announcement.
	 * @param sequence its number
	 */
	synchronized void published(long sequence) {
		if (sequence > this.lastHeard && this.awaited == 0) {
			this.awaited = sequence;
			this.awaitedSinceNanos = this.nanoTime.getAsLong();
		}
	}

	/**
	 * An announcement of this instance came back.
	 * @param sequence its number
	 */
	synchronized void heard(long sequence) {
		this.lastHeard = Math.max(this.lastHeard, sequence);
		if (this.awaited != 0 && this.awaited <= sequence) {
			this.awaited = 0;
		}
	}

	/**
	 * Forget what is awaited: a new subscription starts, or Redis is unreachable and
	 * nothing can come back.
	 */
	synchronized void reset() {
		this.awaited = 0;
	}

	/**
	 * @param timeout how long an announcement may take to come back
	 * @return whether one Redis took has not come back within that time
	 */
	synchronized boolean overdue(Duration timeout) {
		return this.awaited != 0 && this.nanoTime.getAsLong() - this.awaitedSinceNanos > timeout.toNanos();
	}

}
