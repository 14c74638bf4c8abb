package dev.cyclone.websocket.cluster;

import java.time.Duration;

import org.springframework.util.Assert;

/**
 * How this instance takes part in the cluster.
 *
 * @param channel the Redis pub/sub channel
 * @param maxMessageSize the largest message published or accepted, in bytes
 * @param announceInterval how often this instance announces itself
 * @param publishTimeout how long a message may wait to be published and for Redis's
 * answer
 * @param instanceTimeout after how long without an announcement an instance is dropped
 * @param publishQueueCapacity how many messages may wait to be published
 * @param deliveryQueueCapacity how many received broadcasts may wait for local delivery
 * @param bufferLimit the most bytes of messages waiting in each of the two queues
 */
public record ClusterSettings(String channel, int maxMessageSize, Duration announceInterval, Duration publishTimeout,
		Duration instanceTimeout, int publishQueueCapacity, int deliveryQueueCapacity, long bufferLimit) {

	/**
	 * Check the settings.
	 */
	public ClusterSettings {
		Assert.hasText(channel, "cyclone.websocket.cluster.channel must not be empty");
		Assert.isTrue(maxMessageSize >= 1024, "cyclone.websocket.cluster.max-message-size must be at least 1KB");
		Assert.isTrue(announceInterval.toMillis() >= 10,
				"cyclone.websocket.cluster.announce-interval must be at least 10ms");
		Assert.isTrue(publishTimeout.toMillis() >= 10,
				"cyclone.websocket.cluster.publish-timeout must be at least 10ms");
		Assert.isTrue(instanceTimeout.compareTo(announceInterval) > 0,
				() -> "cyclone.websocket.cluster.instance-timeout (" + instanceTimeout
						+ ") must be longer than the announce interval (" + announceInterval + ")");
		Assert.isTrue(publishQueueCapacity > 0, "cyclone.websocket.cluster.publish-queue-capacity must be positive");
		Assert.isTrue(deliveryQueueCapacity > 0, "cyclone.websocket.cluster.delivery-queue-capacity must be positive");
		Assert.isTrue(bufferLimit >= maxMessageSize,
				"cyclone.websocket.cluster.buffer-limit must be at least cyclone.websocket.cluster.max-message-size");
	}

}
