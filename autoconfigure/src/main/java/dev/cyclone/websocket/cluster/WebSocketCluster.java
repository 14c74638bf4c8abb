package dev.cyclone.websocket.cluster;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import dev.cyclone.websocket.ConnectionSelector;
import dev.cyclone.websocket.adapter.BroadcastMessage;
import dev.cyclone.websocket.adapter.BroadcastRelay;
import dev.cyclone.websocket.adapter.OpenConnections;
import dev.cyclone.websocket.metrics.WebSocketMetrics;

import org.springframework.context.SmartLifecycle;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * This instance's membership of the cluster: relays broadcasts to selectors to the other
 * instances through Redis pub/sub, delivers theirs to this instance's connections,
 * announces itself and its connections every announce interval, says goodbye when it
 * stops, and keeps a view of the other instances. Redis being down at startup or later
 * costs only the cross-instance part: local broadcasts go on, failed publishes are
 * counted, and the subscription comes back by itself (it is checked by this instance
 * hearing its own announcements).
 * <p>
 * Starts before and stops after the registry of connections, so that the
 * {@code connectionLost} broadcasts of a shutdown still reach the other instances; can be
 * stopped and started again (each start is a new instance id).
 */
public final class WebSocketCluster implements BroadcastRelay, ClusterOverview, SmartLifecycle {

	private static final Log logger = LogFactory.getLog(WebSocketCluster.class);

	private final ClusterSettings settings;

	private final LettuceConnectionFactory redis;

	private final Supplier<String> instanceName;

	private final OpenConnections connections;

	private final WebSocketMetrics metrics;

	private volatile @Nullable ClusterMembership membership;

	/**
	 * Create the membership; nothing connects to Redis before {@link #start()}.
	 * @param settings the cluster's settings
	 * @param redis the application's connection factory, whose settings the cluster's own
	 * connections copy
	 * @param instanceName a name of this instance for people, such as host and port
	 * @param connections this instance's connections
	 * @param metrics where the cluster's messages are counted
	 */
	public WebSocketCluster(ClusterSettings settings, LettuceConnectionFactory redis, Supplier<String> instanceName,
			OpenConnections connections, WebSocketMetrics metrics) {
		this.settings = settings;
		this.redis = redis;
		this.instanceName = instanceName;
		this.connections = connections;
		this.metrics = metrics;
	}

	@Override
	public void relay(BroadcastMessage message, ConnectionSelector selector) {
		ClusterMembership current = this.membership;
		if (current != null) {
			current.publish(message, selector);
		}
	}

	@Override
	public synchronized void start() {
		if (this.membership != null) {
			return;
		}
		String instance = UUID.randomUUID().toString();
		ClusterMembership started = new ClusterMembership(instance, this.settings, this.redis, this.instanceName,
				this.connections, this.metrics);
		started.start();
		this.membership = started;
		this.connections.relayTo(this);
		logger.info("Cross-instance broadcast on " + started + " as instance " + instance);
	}

	@Override
	public synchronized void stop() {
		ClusterMembership stopping = this.membership;
		if (stopping == null) {
			return;
		}
		this.membership = null;
		this.connections.relayTo(BroadcastRelay.NONE);
		stopping.stop();
	}

	@Override
	public boolean isRunning() {
		return this.membership != null;
	}

	/**
	 * Starts before and stops after the registry of connections.
	 */
	@Override
	public int getPhase() {
		return SmartLifecycle.DEFAULT_PHASE - 1024;
	}

	@Override
	public ClusterDescription describe() {
		ClusterMembership current = this.membership;
		return (current != null) ? current.describe()
				: new ClusterDescription(this.settings.channel(), false, "stopped", 0, 0, Map.of(), List.of());
	}

	/**
	 * @return whether this instance is subscribed and Redis takes its publishes
	 */
	public boolean isConnected() {
		ClusterMembership current = this.membership;
		return current != null && current.isConnected();
	}

}
