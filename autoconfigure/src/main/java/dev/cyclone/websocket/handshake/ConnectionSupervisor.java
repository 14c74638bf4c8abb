package dev.cyclone.websocket.handshake;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import dev.cyclone.websocket.WebSocketProtocol;

import org.springframework.context.SmartLifecycle;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.PingMessage;
import org.springframework.web.socket.WebSocketSession;

/**
 * Watches the open connections of every mapped handler: closes one whose peer sent nothing for the idle timeout,
 * and, when a ping interval is set, pings RFC 6455 peers and closes those whose pong does not come within the ping
  * timeout (Tornado's {@code websocket_ping_interval} / {@code websocket_ping_timeout}). Both close with 1001 and a
 * reason that says why, which {@code connectionLost} receives. One timer thread sweeps all connections; pings and
 * closes run on threads for blocking calls, never on the timer. Hixie has no ping: the idle timeout covers it.
 */
public final class ConnectionSupervisor implements SmartLifecycle {

	private static final Log logger = LogFactory.getLog(ConnectionSupervisor.class);

	private final Duration idleTimeout;

	private final Duration pingInterval;

	private final Duration pingTimeout;

	private final ScheduledExecutorService timer;

	private final Executor executor;

	private final Map<WebSocketSession, Activity> sessions = new ConcurrentHashMap<>();

	private volatile boolean running;

	/**
	 * Create a supervisor.
	 * @param idleTimeout how long a peer may send nothing; zero for no limit
	 * @param pingInterval how often to ping RFC 6455 peers; zero for no pings
	 * @param pingTimeout how long a pong may take
	 * @param timer runs the sweep
	 * @param executor runs pings and closes, each on a thread of its own (they can only block on Tomcat)
	 */
	public ConnectionSupervisor(Duration idleTimeout, Duration pingInterval, Duration pingTimeout,
			ScheduledExecutorService timer, Executor executor) {
		this.idleTimeout = idleTimeout;
		this.pingInterval = pingInterval;
		this.pingTimeout = pingTimeout;
		this.timer = timer;
		this.executor = executor;
	}

	/** @return whether idle timeouts or pings are configured at all */
	public boolean isActive() {
		return !this.idleTimeout.isZero() || !this.pingInterval.isZero();
	}

	void opened(WebSocketSession session) {
		this.sessions.put(session, new Activity(System.nanoTime()));
	}

	void received(WebSocketSession session) {
		Activity activity = this.sessions.get(session);
		if (activity != null) {
			activity.lastInbound = System.nanoTime();
			activity.pingSent = 0;
		}
	}

	void closed(WebSocketSession session) {
		this.sessions.remove(session);
	}

	@Override
	public void start() {
		if (isActive()) {
			long period = sweepPeriod().toMillis();
			this.timer.scheduleWithFixedDelay(this::sweep, period, period, TimeUnit.MILLISECONDS);
		}
		this.running = true;
	}

	private Duration sweepPeriod() {
		long shortest = Stream.of(this.idleTimeout, this.pingInterval, this.pingInterval.isZero() ? Duration.ZERO
				: this.pingTimeout)
			.filter((duration) -> !duration.isZero())
			.mapToLong(Duration::toMillis)
			.min()
			.orElse(1000);
		return Duration.ofMillis(Math.max(50, Math.min(1000, shortest / 4)));
	}

	private void sweep() {
		long now = System.nanoTime();
		this.sessions.forEach((session, activity) -> {
			try {
				check(session, activity, now);
			}
			catch (RuntimeException ex) {
				logger.debug("Supervision of connection " + session.getId() + " failed", ex);
			}
		});
	}

	private void check(WebSocketSession session, Activity activity, long now) {
		if (!this.idleTimeout.isZero() && now - activity.lastInbound > this.idleTimeout.toNanos()) {
			close(session, "Idle for " + this.idleTimeout);
			return;
		}
		if (this.pingInterval.isZero() || WebSocketProtocol.of(session.getAttributes()) != WebSocketProtocol.RFC_6455) {
			return;
		}
		if (activity.pingSent != 0) {
			if (now - activity.pingSent > this.pingTimeout.toNanos()) {
				close(session, "No pong within " + this.pingTimeout);
			}
		}
		else if (now - activity.lastInbound >= this.pingInterval.toNanos()) {
			activity.pingSent = now;
			this.executor.execute(() -> ping(session));
		}
	}

	private void ping(WebSocketSession session) {
		try {
			session.sendMessage(new PingMessage(ByteBuffer.allocate(0)));
		}
		catch (Exception ex) {
			logger.debug("Ping of connection " + session.getId() + " failed", ex);
		}
	}

	private void close(WebSocketSession session, String reason) {
		if (this.sessions.remove(session) == null) {
			return;
		}
		logger.info("Closing connection " + session.getId() + " to " + session.getUri() + " with 1001: " + reason);
		this.executor.execute(() -> {
			try {
				session.close(CloseStatus.GOING_AWAY.withReason(reason));
			}
			catch (Exception ex) {
				logger.debug("Close of connection " + session.getId() + " failed", ex);
			}
		});
	}

	@Override
	public void stop() {
		this.running = false;
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	/** When the peer last sent something, and when an unanswered ping went out (0 for none). */
	private static final class Activity {

		volatile long lastInbound;

		volatile long pingSent;

		Activity(long now) {
			this.lastInbound = now;
		}

	}

}
