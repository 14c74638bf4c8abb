package dev.cyclone.websocket.cluster;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

import dev.cyclone.websocket.metrics.WebSocketMetrics;

/**
 * Publishes the cluster's messages from a bounded queue on a thread of its own, in the
 * order they were queued and pipelined in batches, so that a broadcast never waits for
 * Redis: what does not fit in the queue, and what Redis refuses or does not take within
 * the timeout, is counted as failed and never retried.
 */
final class ClusterPublisher {

	private static final int BATCH = 256;

	private static final Outgoing STOP = new Outgoing(new byte[0], false);

	private final RedisChannel channel;

	private final RedisReachability reachability;

	private final WebSocketMetrics metrics;

	private final Duration timeout;

	private final Runnable announcementPublished;

	private final BlockingQueue<Outgoing> queue;

	private final Thread thread;

	/**
	 * Create the publisher.
	 * @param channel where to publish
	 * @param reachability told how each batch went
	 * @param metrics counts what was published and what failed
	 * @param capacity how many messages may wait
	 * @param timeout how long a batch may wait for Redis
	 * @param announcementPublished told each time Redis took an announcement
	 */
	ClusterPublisher(RedisChannel channel, RedisReachability reachability, WebSocketMetrics metrics, int capacity,
			Duration timeout, Runnable announcementPublished) {
		this.channel = channel;
		this.reachability = reachability;
		this.metrics = metrics;
		this.timeout = timeout;
		this.announcementPublished = announcementPublished;
		this.queue = new ArrayBlockingQueue<>(capacity);
		this.thread = new Thread(this::publishQueued, "cyclone-cluster-publisher");
		this.thread.setDaemon(true);
	}

	void start() {
		this.thread.start();
	}

	/**
	 * Queue a message for publishing.
	 * @param message the encoded message
	 * @param announcement whether it is an announcement of this instance
	 * @return whether it was queued; when not, it is counted as failed
	 */
	boolean offer(byte[] message, boolean announcement) {
		if (this.queue.offer(new Outgoing(message, announcement))) {
			return true;
		}
		this.metrics.clusterFailed("queue-full");
		return false;
	}

	private void publishQueued() {
		List<Outgoing> batch = new ArrayList<>(BATCH);
		try {
			while (true) {
				batch.add(this.queue.take());
				this.queue.drainTo(batch, BATCH - 1);
				int stop = batch.indexOf(STOP);
				publish((stop < 0) ? batch : batch.subList(0, stop));
				if (stop >= 0) {
					return;
				}
				batch.clear();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private void publish(List<Outgoing> batch) {
		if (batch.isEmpty()) {
			return;
		}
		List<byte[]> messages = new ArrayList<>(batch.size());
		batch.forEach((outgoing) -> messages.add(outgoing.message()));
		Exception[] failures = this.channel.publish(messages, this.timeout);
		Exception failure = null;
		for (int i = 0; i < failures.length; i++) {
			if (failures[i] == null) {
				this.metrics.clusterPublished();
				if (batch.get(i).announcement()) {
					this.announcementPublished.run();
				}
			}
			else {
				failure = failures[i];
				this.metrics.clusterFailed("redis");
			}
		}
		if (failure != null) {
			this.reachability.failed("publishing", failure);
		}
		else {
			this.reachability.succeeded();
		}
	}

	/**
	 * Publish what is queued, then stop.
	 * @param timeout how long to wait for the queue to drain; what remains is dropped
	 */
	void stop(Duration timeout) {
		if (!this.queue.offer(STOP)) {
			this.thread.interrupt();
		}
		try {
			this.thread.join(Math.max(1, timeout.toMillis()));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		if (this.thread.isAlive()) {
			this.thread.interrupt();
		}
		this.queue.clear();
	}

	/**
	 * @return how many messages wait to be published
	 */
	int queued() {
		return this.queue.size();
	}

	private record Outgoing(byte[] message, boolean announcement) {

	}

}
