package dev.cyclone.websocket.cluster;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;

import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import dev.cyclone.websocket.metrics.WebSocketMetrics;

/**
 * Publishes the cluster's messages from a bounded queue on a thread of its own, in the
 * order they were queued, pipelined in batches whose answers it awaits before the next,
 * so that a broadcast never waits for Redis. The queue is bounded in messages and in
 * bytes. A message still unpublished after the timeout, one that does not fit, one that
 * Redis refuses or does not answer in time is counted as failed and never published
 * later: after a timeout the connection is reset, dropping what it still held. Only
 * broadcasts are counted in the metrics; announcements and goodbyes are the cluster's
 * own.
 */
final class ClusterPublisher {

	private static final Log logger = LogFactory.getLog(ClusterPublisher.class);

	private static final int BATCH = 256;

	private static final Outgoing STOP = new Outgoing(new byte[0], 0, 0, false);

	private final RedisChannel channel;

	private final RedisReachability reachability;

	private final WebSocketMetrics metrics;

	private final Duration timeout;

	private final long byteLimit;

	private final LongConsumer announcementPublished;

	private final BlockingQueue<Outgoing> queue;

	private final AtomicLong queuedBytes = new AtomicLong();

	private final Thread thread;

	/**
	 * Create the publisher.
	 * @param channel where to publish
	 * @param reachability told how each batch went
	 * @param settings the queue's bounds and the publish timeout
	 * @param metrics counts the broadcasts published and failed
	 * @param announcementPublished told the number of each announcement Redis took
	 */
	ClusterPublisher(RedisChannel channel, RedisReachability reachability, ClusterSettings settings,
			WebSocketMetrics metrics, LongConsumer announcementPublished) {
		this.channel = channel;
		this.reachability = reachability;
		this.metrics = metrics;
		this.timeout = settings.publishTimeout();
		this.byteLimit = settings.bufferLimit();
		this.announcementPublished = announcementPublished;
		this.queue = new ArrayBlockingQueue<>(settings.publishQueueCapacity());
		this.thread = new Thread(this::publishQueued, "cyclone-cluster-publisher");
		this.thread.setDaemon(true);
	}

	void start() {
		this.thread.start();
	}

	/**
	 * Queue a broadcast for publishing.
	 * @param message the encoded broadcast
	 */
	void offerBroadcast(byte[] message) {
		offer(new Outgoing(message, 0, System.nanoTime(), true));
	}

	/**
	 * Queue an announcement or a goodbye for publishing.
	 * @param message the encoded message
	 * @param announcement the announcement's number, 0 for a goodbye
	 */
	void offerOwn(byte[] message, long announcement) {
		offer(new Outgoing(message, announcement, System.nanoTime(), false));
	}

	private void offer(Outgoing outgoing) {
		long size = outgoing.message().length;
		if (this.queuedBytes.addAndGet(size) > this.byteLimit || !this.queue.offer(outgoing)) {
			this.queuedBytes.addAndGet(-size);
			failed(outgoing, "queue-full");
		}
	}

	private void publishQueued() {
		List<Outgoing> batch = new ArrayList<>(BATCH);
		while (true) {
			try {
				batch.add(this.queue.take());
				this.queue.drainTo(batch, BATCH - 1);
				int stop = batch.indexOf(STOP);
				List<Outgoing> publishing = (stop < 0) ? batch : batch.subList(0, stop);
				publishing.forEach((outgoing) -> this.queuedBytes.addAndGet(-outgoing.message().length));
				publish(publishing);
				if (stop >= 0) {
					return;
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
			catch (RuntimeException ex) {
				logger.error("Publishing for the other instances failed unexpectedly; going on", ex);
			}
			finally {
				batch.clear();
			}
		}
	}

	private void publish(List<Outgoing> batch) {
		if (batch.isEmpty()) {
			return;
		}
		RedisClusterAsyncCommands<byte[], byte[]> commands;
		try {
			commands = this.channel.commands();
		}
		catch (RuntimeException ex) {
			batch.forEach((outgoing) -> failed(outgoing, "redis"));
			this.reachability.failed("publishing", ex);
			return;
		}
		long oldest = System.nanoTime() - this.timeout.toNanos();
		List<Outgoing> sent = new ArrayList<>(batch.size());
		List<RedisFuture<Long>> answers = new ArrayList<>(batch.size());
		for (Outgoing outgoing : batch) {
			if (outgoing.queuedNanos() - oldest < 0) {
				failed(outgoing, "timeout");
			}
			else {
				sent.add(outgoing);
				answers.add(commands.publish(this.channel.name(), outgoing.message()));
			}
		}
		awaitAnswers(sent, answers);
	}

	private void awaitAnswers(List<Outgoing> sent, List<RedisFuture<Long>> answers) {
		long deadline = System.nanoTime() + this.timeout.toNanos();
		Exception failure = null;
		boolean timedOut = false;
		for (int i = 0; i < answers.size(); i++) {
			Outgoing outgoing = sent.get(i);
			try {
				answers.get(i).get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
				published(outgoing);
			}
			catch (TimeoutException ex) {
				timedOut = true;
				failure = new TimeoutException("Redis did not answer within " + this.timeout);
				failed(outgoing, "timeout");
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				failure = ex;
				failed(outgoing, "redis");
			}
			catch (ExecutionException ex) {
				failure = (ex.getCause() instanceof Exception cause) ? cause : ex;
				boolean lettuceTimeout = failure instanceof RedisCommandTimeoutException;
				timedOut |= lettuceTimeout;
				failed(outgoing, lettuceTimeout ? "timeout" : "redis");
			}
			catch (RuntimeException ex) {
				failure = ex;
				failed(outgoing, "redis");
			}
		}
		if (timedOut) {
			this.channel.resetPublishing();
		}
		if (failure != null) {
			this.reachability.failed("publishing", failure);
		}
		else if (!answers.isEmpty()) {
			this.reachability.succeeded();
		}
	}

	private void published(Outgoing outgoing) {
		if (outgoing.broadcast()) {
			this.metrics.clusterPublished();
		}
		else if (outgoing.announcement() > 0) {
			this.announcementPublished.accept(outgoing.announcement());
		}
	}

	private void failed(Outgoing outgoing, String cause) {
		if (outgoing.broadcast()) {
			this.metrics.clusterFailed(cause);
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
		this.queuedBytes.set(0);
	}

	/**
	 * @return how many messages wait to be published
	 */
	int queued() {
		return this.queue.size();
	}

	/**
	 * @return whether the publishing thread runs
	 */
	boolean isAlive() {
		return this.thread.isAlive();
	}

	/**
	 * A message waiting to be published.
	 *
	 * @param message the bytes
	 * @param announcement the number of an announcement, otherwise 0
	 * @param queuedNanos when it was queued
	 * @param broadcast whether it is a broadcast, not one of the cluster's own messages
	 */
	private record Outgoing(byte[] message, long announcement, long queuedNanos, boolean broadcast) {

	}

}
