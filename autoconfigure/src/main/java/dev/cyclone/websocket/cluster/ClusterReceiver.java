package dev.cyclone.websocket.cluster;

import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicLong;

import dev.cyclone.websocket.adapter.OpenConnections;
import dev.cyclone.websocket.metrics.WebSocketMetrics;

import org.springframework.data.redis.connection.Message;
import org.springframework.data.redis.connection.MessageListener;

/**
 * Takes what comes in on the cluster's channel, on Lettuce's thread, without writing to
 * any socket or waiting: checks the size, decodes, ignores this instance's own messages
 * (except to see that its announcements come back), updates the view with announcements
 * and goodbyes, and hands broadcasts to the delivery executor, which keeps their order
 * and queues them on the selected connections' outbound queues. What it cannot use is
 * dropped, counted and logged, never thrown.
 */
final class ClusterReceiver implements MessageListener {

	private final String instance;

	private final String channel;

	private final int maxMessageSize;

	private final ClusterCodec codec;

	private final ClusterView view;

	private final OpenConnections connections;

	private final Executor delivery;

	private final WebSocketMetrics metrics;

	private final DropLog dropLog;

	private final AtomicLong unheardAnnouncementSince = new AtomicLong();

	ClusterReceiver(String instance, ClusterSettings settings, ClusterCodec codec, ClusterView view,
			OpenConnections connections, Executor delivery, WebSocketMetrics metrics) {
		this.instance = instance;
		this.channel = settings.channel();
		this.maxMessageSize = settings.maxMessageSize();
		this.codec = codec;
		this.view = view;
		this.connections = connections;
		this.delivery = delivery;
		this.metrics = metrics;
		this.dropLog = new DropLog(System::nanoTime);
	}

	@Override
	public void onMessage(Message message, byte[] pattern) {
		byte[] body = message.getBody();
		if (body.length > this.maxMessageSize) {
			drop(DropCause.OVERSIZED, body.length + " bytes, more than the " + this.maxMessageSize
					+ " of cyclone.websocket.cluster.max-message-size");
			return;
		}
		ClusterMessage decoded;
		try {
			decoded = this.codec.decode(body);
		}
		catch (UnreadableMessageException ex) {
			drop(ex.dropCause(), ex.getMessage());
			return;
		}
		if (this.instance.equals(decoded.instance())) {
			if (decoded instanceof ClusterMessage.Announcement) {
				this.unheardAnnouncementSince.set(0);
			}
			return;
		}
		if (decoded instanceof ClusterMessage.Broadcast broadcast) {
			deliver(broadcast);
		}
		else if (decoded instanceof ClusterMessage.Announcement announcement) {
			this.view.heard(announcement);
		}
		else {
			this.view.left(decoded.instance());
		}
	}

	private void deliver(ClusterMessage.Broadcast broadcast) {
		try {
			this.delivery
				.execute(() -> this.connections.deliver(broadcast.message(), broadcast.selector()::matchesAnywhere));
			this.metrics.clusterReceived();
		}
		catch (RejectedExecutionException ex) {
			drop(DropCause.OVERFLOW, "the queue of broadcasts waiting for delivery on this instance is full");
		}
	}

	private void drop(DropCause cause, String detail) {
		this.metrics.clusterDropped(cause.tag());
		this.dropLog.dropped(cause, this.channel, detail);
	}

	/**
	 * Redis took an announcement of this instance: it should come back.
	 */
	void announcementPublished() {
		this.unheardAnnouncementSince.compareAndSet(0, System.nanoTime());
	}

	/**
	 * A new subscription starts: announcements published before it do not count.
	 */
	void subscribing() {
		this.unheardAnnouncementSince.set(0);
	}

	/**
	 * @return since when, in {@link System#nanoTime()} terms, an announcement this
	 * instance published has not come back; 0 when all have
	 */
	long unheardAnnouncementSince() {
		return this.unheardAnnouncementSince.get();
	}

}
