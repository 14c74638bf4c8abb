package dev.cyclone.websocket.cluster;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import dev.cyclone.websocket.ConnectionSelector;
import dev.cyclone.websocket.WebSocketConnection;
import dev.cyclone.websocket.adapter.BroadcastMessage;
import dev.cyclone.websocket.adapter.BroadcastRelay;
import dev.cyclone.websocket.adapter.OpenConnections;
import dev.cyclone.websocket.metrics.WebSocketMetrics;

import org.springframework.context.SmartLifecycle;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

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
 * {@code connectionLost} broadcasts of a shutdown still reach the other instances.
 */
public final class WebSocketCluster implements BroadcastRelay, ClusterOverview, SmartLifecycle {

	private static final Log logger = LogFactory.getLog(WebSocketCluster.class);

	private static final Duration GOODBYE_TIMEOUT = Duration.ofSeconds(2);

	private final String instance = UUID.randomUUID().toString();

	private final ClusterSettings settings;

	private final Supplier<String> instanceName;

	private final OpenConnections connections;

	private final WebSocketMetrics metrics;

	private final ClusterCodec codec = new ClusterCodec();

	private final ClusterView view;

	private final RedisReachability reachability;

	private final RedisChannel channel;

	private final ClusterPublisher publisher;

	private final ThreadPoolExecutor delivery;

	private final ClusterReceiver receiver;

	private final ScheduledExecutorService scheduler;

	private volatile boolean running;

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
		this.instanceName = instanceName;
		this.connections = connections;
		this.metrics = metrics;
		this.view = new ClusterView(settings.instanceTimeout(), Clock.systemUTC());
		this.channel = new RedisChannel(redis, settings.channel(), settings.announceInterval());
		this.reachability = new RedisReachability(this.channel.toString());
		this.publisher = new ClusterPublisher(this.channel, this.reachability, metrics, settings.publishQueueCapacity(),
				settings.announceInterval(), this::announcementPublished);
		this.delivery = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
				new ArrayBlockingQueue<>(settings.deliveryQueueCapacity()),
				new CustomizableThreadFactory("cyclone-cluster-delivery-"));
		this.receiver = new ClusterReceiver(this.instance, settings, this.codec, this.view, connections, this.delivery,
				metrics);
		this.scheduler = Executors.newSingleThreadScheduledExecutor(new CustomizableThreadFactory("cyclone-cluster-"));
	}

	@Override
	public void relay(BroadcastMessage message, ConnectionSelector selector) {
		if (this.running) {
			publish(new ClusterMessage.Broadcast(this.instance, selector, message));
		}
	}

	private void publish(ClusterMessage message) {
		byte[] encoded = this.codec.encode(message);
		if (encoded.length > this.settings.maxMessageSize()) {
			this.metrics.clusterFailed("oversized");
			logger.warn("Not publishing " + describe(message) + " for the other instances: " + encoded.length
					+ " bytes encoded, more than the " + this.settings.maxMessageSize()
					+ " of cyclone.websocket.cluster.max-message-size");
			return;
		}
		this.publisher.offer(encoded, message instanceof ClusterMessage.Announcement);
	}

	private static String describe(ClusterMessage message) {
		return (message instanceof ClusterMessage.Broadcast broadcast)
				? "a broadcast (" + broadcast.message() + ") to " + broadcast.selector() : message.toString();
	}

	@Override
	public void start() {
		this.running = true;
		this.publisher.start();
		this.connections.relayTo(this);
		long interval = this.settings.announceInterval().toMillis();
		this.scheduler.scheduleWithFixedDelay(this::announce, 0, interval, TimeUnit.MILLISECONDS);
		logger.info("Cross-instance broadcast on " + this.channel + " as instance " + this.instance);
	}

	private void announce() {
		try {
			keepSubscribed();
			publish(new ClusterMessage.Announcement(this.instance, this.instanceName.get(), localCounts()));
		}
		catch (RuntimeException ex) {
			logger.error("Cluster announcement failed", ex);
		}
	}

	private void keepSubscribed() {
		if (this.channel.isSubscribed()) {
			long unheardSince = this.receiver.unheardAnnouncementSince();
			if (unheardSince == 0 || System.nanoTime() - unheardSince <= this.settings.instanceTimeout().toNanos()
					|| !this.reachability.isReachable()) {
				return;
			}
			logger.warn("This instance has not heard its own announcement on " + this.channel + " within "
					+ this.settings.instanceTimeout() + " of Redis taking it: subscribing again");
			this.channel.unsubscribe();
		}
		try {
			this.receiver.subscribing();
			this.channel.subscribe(this.receiver);
			this.reachability.succeeded();
		}
		catch (RuntimeException ex) {
			this.reachability.failed("subscribing", ex);
		}
	}

	private void announcementPublished() {
		this.receiver.announcementPublished();
	}

	private Map<String, Integer> localCounts() {
		Map<String, Integer> counts = new LinkedHashMap<>();
		for (WebSocketConnection connection : this.connections.all()) {
			counts.merge(connection.handlerName(), 1, Integer::sum);
		}
		return counts;
	}

	@Override
	public void stop() {
		if (!this.running) {
			return;
		}
		this.running = false;
		this.connections.relayTo(BroadcastRelay.NONE);
		this.scheduler.shutdownNow();
		publish(new ClusterMessage.Goodbye(this.instance));
		this.publisher.stop(GOODBYE_TIMEOUT);
		this.delivery.shutdownNow();
		this.channel.close();
	}

	@Override
	public boolean isRunning() {
		return this.running;
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
		List<ClusterDescription.InstanceDescription> instances = new ArrayList<>();
		instances.add(new ClusterDescription.InstanceDescription(this.instance, this.instanceName.get(), true,
				localCounts(), null));
		for (ClusterView.InstanceState other : this.view.instances()) {
			instances.add(new ClusterDescription.InstanceDescription(other.id(), other.name(), false,
					other.connections(), other.lastHeard().toString()));
		}
		Map<String, Integer> totals = new LinkedHashMap<>();
		instances
			.forEach((described) -> described.connections().forEach((name, n) -> totals.merge(name, n, Integer::sum)));
		int total = totals.values().stream().mapToInt(Integer::intValue).sum();
		return new ClusterDescription(this.settings.channel(), isConnected(), this.reachability.lastError(),
				this.publisher.queued(), total, totals, instances);
	}

	/**
	 * @return whether this instance is subscribed and Redis took its last publish
	 */
	public boolean isConnected() {
		return this.running && this.channel.isSubscribed() && this.reachability.isReachable();
	}

}
