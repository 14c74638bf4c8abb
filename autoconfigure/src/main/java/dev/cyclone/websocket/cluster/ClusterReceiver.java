package dev.cyclone.websocket.cluster;

import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import dev.cyclone.websocket.adapter.OpenConnections;
import dev.cyclone.websocket.metrics.WebSocketMetrics;

import org.springframework.data.redis.connection.Message;
import org.springframework.data.redis.connection.MessageListener;

/**
 * Takes what comes in on the cluster's channel, on Lettuce's thread, without writing to
 * any socket or waiting: checks the size, decodes, notes this instance's own
 * announcements coming back (and ignores its other messages), updates the view with
 * announcements and goodbyes, and hands broadcasts to the delivery executor, which keeps
 * their order and queues them on the selected connections' outbound queues; what waits
 * for delivery is bounded in bytes. What it cannot use is dropped, counted and logged,
 * never thrown.
 */
final class ClusterReceiver implements MessageListener {

	private static final Log logger = LogFactory.getLog(ClusterReceiver.class);

	private final String instance;

	private final String channel;

	private final int maxMessageSize;

	private final long byteLimit;

	private final long publishTimeoutMillis;

	private final ClusterCodec codec;

	private final ClusterView view;

	private final AnnouncementEcho echo;

	private final OpenConnections connections;

	private final Executor delivery;

	private final WebSocketMetrics metrics;

	private final DropLog dropLog = new DropLog(System::nanoTime);

	private final AtomicLong pendingBytes = new AtomicLong();

	ClusterReceiver(String instance, ClusterSettings settings, ClusterView view, AnnouncementEcho echo,
			OpenConnections connections, Executor delivery, WebSocketMetrics metrics) {
		this.instance = instance;
		this.channel = settings.channel();
		this.maxMessageSize = settings.maxMessageSize();
		this.byteLimit = settings.bufferLimit();
		this.publishTimeoutMillis = settings.publishTimeout().toMillis();
		this.codec = new ClusterCodec();
		this.view = view;
		this.echo = echo;
		this.connections = connections;
		this.delivery = delivery;
		this.metrics = metrics;
	}

	@Override
	public void onMessage(Message message, byte[] pattern) {
		byte[] body = message.getBody();
		if (body.length > this.maxMessageSize) {
			drop(DropCause.OVERSIZED, body.length + " bytes, more than the " + this.maxMessageSize
					+ " of cyclone.websocket.cluster.max-message-size");
			return;
		}
		try {
			take(this.codec.decode(body), body.length);
		}
		catch (UnreadableMessageException ex) {
			drop(ex.dropCause(), ex.getMessage());
		}
		catch (RuntimeException ex) {
			drop(DropCause.MALFORMED, "unreadable: " + ex);
		}
	}

	private void take(ClusterMessage decoded, int size) {
		if (this.instance.equals(decoded.instance())) {
			if (decoded instanceof ClusterMessage.Announcement announcement) {
				this.echo.heard(announcement.sequence());
			}
			return;
		}
		if (decoded instanceof ClusterMessage.Broadcast broadcast) {
			deliver(broadcast, size);
		}
		else if (decoded instanceof ClusterMessage.Announcement announcement) {
			if (!this.view.heard(announcement)) {
				drop(DropCause.TOO_MANY_INSTANCES, "an announcement of a new instance, " + decoded.instance()
						+ ", when " + ClusterView.MAX_INSTANCES + " are in view");
			}
		}
		else {
			this.view.left(decoded.instance());
		}
	}

	private void deliver(ClusterMessage.Broadcast broadcast, int size) {
		long age = System.currentTimeMillis() - broadcast.queuedAt();
		if (age > this.publishTimeoutMillis) {
			drop(DropCause.STALE, "a broadcast queued " + age + " ms ago by instance " + broadcast.instance()
					+ ", more than cyclone.websocket.cluster.publish-timeout: its publisher counted it as failed "
					+ "(or the two hosts' clocks differ by that much)");
			return;
		}
		if (this.pendingBytes.addAndGet(size) > this.byteLimit) {
			this.pendingBytes.addAndGet(-size);
			drop(DropCause.OVERFLOW,
					"the broadcasts waiting for delivery on this instance hold more than " + this.byteLimit + " bytes");
			return;
		}
		try {
			this.delivery.execute(() -> {
				this.pendingBytes.addAndGet(-size);
				try {
					this.connections.deliver(broadcast.message(), broadcast.selector()::matchesAnywhere);
				}
				catch (RuntimeException ex) {
					logger.error("Delivering a broadcast of instance " + broadcast.instance() + " failed", ex);
				}
			});
			this.metrics.clusterReceived();
		}
		catch (RejectedExecutionException ex) {
			this.pendingBytes.addAndGet(-size);
			drop(DropCause.OVERFLOW, "the queue of broadcasts waiting for delivery on this instance is full");
		}
	}

	private void drop(DropCause cause, String detail) {
		this.metrics.clusterDropped(cause.tag());
		this.dropLog.dropped(cause, this.channel, detail);
	}

}
