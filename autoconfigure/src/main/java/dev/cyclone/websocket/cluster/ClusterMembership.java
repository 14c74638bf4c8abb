package dev.cyclone.websocket.cluster;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import dev.cyclone.websocket.ConnectionSelector;
import dev.cyclone.websocket.WebSocketConnection;
import dev.cyclone.websocket.adapter.BroadcastMessage;
import dev.cyclone.websocket.adapter.OpenConnections;
import dev.cyclone.websocket.metrics.WebSocketMetrics;

import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/**
 * One run of this instance in the cluster, from {@link WebSocketCluster#start()} to
 * {@link WebSocketCluster#stop()}: the Redis connections, the publishing thread, the
 * delivery executor and the scheduler that subscribes and announces.
 */
final class ClusterMembership {

	private static final Log logger = LogFactory.getLog(ClusterMembership.class);

	private static final Duration STOP_TIMEOUT = Duration.ofSeconds(2);

	private final String instance;

	private final ClusterSettings settings;

	private final Supplier<String> instanceName;

	private final OpenConnections connections;

	private final WebSocketMetrics metrics;

	private final ClusterCodec codec = new ClusterCodec();

	private final ClusterView view;

	private final AnnouncementEcho echo = new AnnouncementEcho(System::nanoTime);

	private final AtomicLong announcements = new AtomicLong();

	private final RedisChannel channel;

	private final RedisReachability reachability;

	private final ClusterPublisher publisher;

	private final ThreadPoolExecutor delivery;

	private final ClusterReceiver receiver;

	private final ScheduledExecutorService scheduler;

	private final DropLog oversizedLog = new DropLog(System::nanoTime);

	ClusterMembership(String instance, ClusterSettings settings, LettuceConnectionFactory redis,
			Supplier<String> instanceName, OpenConnections connections, WebSocketMetrics metrics) {
		this.instance = instance;
		this.settings = settings;
		this.instanceName = instanceName;
		this.connections = connections;
		this.metrics = metrics;
		this.view = new ClusterView(settings.instanceTimeout(), Clock.systemUTC());
		this.channel = new RedisChannel(redis, settings.channel(), settings.publishTimeout(), 1024);
		this.reachability = new RedisReachability(this.channel.toString());
		this.publisher = new ClusterPublisher(this.channel, this.reachability, settings, metrics, this.echo::published);
		this.delivery = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
				new ArrayBlockingQueue<>(settings.deliveryQueueCapacity()), daemonThreads("cyclone-cluster-delivery-"));
		this.receiver = new ClusterReceiver(instance, settings, this.view, this.echo, connections, this.delivery,
				metrics);
		this.scheduler = Executors.newSingleThreadScheduledExecutor(daemonThreads("cyclone-cluster-"));
	}

	private static CustomizableThreadFactory daemonThreads(String prefix) {
		CustomizableThreadFactory threads = new CustomizableThreadFactory(prefix);
		threads.setDaemon(true);
		return threads;
	}

	void start() {
		this.publisher.start();
		this.scheduler.scheduleWithFixedDelay(this::announce, 0, this.settings.announceInterval().toMillis(),
				TimeUnit.MILLISECONDS);
	}

	void publish(BroadcastMessage message, ConnectionSelector selector) {
		byte[] encoded = this.codec
			.encode(new ClusterMessage.Broadcast(this.instance, selector, message, System.currentTimeMillis()));
		if (encoded.length > this.settings.maxMessageSize()) {
			this.metrics.clusterFailed("oversized");
			this.oversizedLog.dropped(DropCause.OVERSIZED, this.channel.toString(), "not publishing a broadcast ("
					+ message + ") to " + selector + ": " + encoded.length + " bytes encoded, more than the "
					+ this.settings.maxMessageSize()
					+ " of cyclone.websocket.cluster.max-message-size; it reached this instance's connections only");
			return;
		}
		this.publisher.offerBroadcast(encoded);
	}

	private void announce() {
		try {
			keepSubscribed();
			long sequence = this.announcements.incrementAndGet();
			this.publisher.offerOwn(this.codec.encode(
					new ClusterMessage.Announcement(this.instance, this.instanceName.get(), sequence, localCounts())),
					sequence);
			this.view.expire();
		}
		catch (RuntimeException ex) {
			logger.error("Cluster announcement failed", ex);
		}
	}

	private void keepSubscribed() {
		if (!this.reachability.isReachable()) {
			this.echo.reset();
		}
		if (this.channel.isSubscribed()) {
			if (!this.echo.overdue(this.settings.instanceTimeout())) {
				return;
			}
			logger.warn("This instance has not heard its own announcement on " + this.channel + " within "
					+ this.settings.instanceTimeout() + " of Redis taking it: subscribing again");
			this.channel.unsubscribe();
		}
		try {
			this.echo.reset();
			this.channel.subscribe(this.receiver);
			this.reachability.succeeded();
		}
		catch (RuntimeException ex) {
			this.reachability.failed("subscribing", ex);
		}
	}

	private Map<String, Integer> localCounts() {
		Map<String, Integer> counts = new LinkedHashMap<>();
		for (WebSocketConnection connection : this.connections.all()) {
			counts.merge(connection.handlerName(), 1, Integer::sum);
		}
		return counts;
	}

	/**
	 * Leave: stop announcing, unsubscribe, say goodbye, publish what is queued (for up to
	 * two seconds), and close the connections.
	 */
	void stop() {
		try {
			this.scheduler.shutdown();
			awaitTermination(this.scheduler);
			this.channel.unsubscribe();
			this.publisher.offerOwn(this.codec.encode(new ClusterMessage.Goodbye(this.instance)), 0);
			this.publisher.stop(STOP_TIMEOUT);
			this.delivery.shutdown();
			awaitTermination(this.delivery);
		}
		finally {
			this.scheduler.shutdownNow();
			this.delivery.shutdownNow();
			this.channel.close();
		}
	}

	private static void awaitTermination(ExecutorService executor) {
		try {
			executor.awaitTermination(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	ClusterDescription describe() {
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

	boolean isConnected() {
		return this.channel.isSubscribed() && this.reachability.isReachable() && this.publisher.isAlive();
	}

	@Override
	public String toString() {
		return this.channel.toString();
	}

}
