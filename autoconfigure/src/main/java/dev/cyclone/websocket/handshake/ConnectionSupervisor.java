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
import dev.cyclone.websocket.adapter.OutboundSession;
import dev.cyclone.websocket.container.SelfWritingSession;
import dev.cyclone.websocket.container.ServletContainer;

import org.springframework.context.SmartLifecycle;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.PingMessage;
import org.springframework.web.socket.WebSocketSession;

/**
 * Watches the connections of every mapped handler from their open until the container
 * lets go of their socket:
 * <ul>
 * <li>closes with 4500 one whose write in progress started longer ago than the send time
 * limit, even when nothing more is sent to it;</li>
 * <li>closes one whose peer sent nothing for the idle timeout and, when a ping interval
 * is set, pings RFC 6455 peers and closes those whose pong does not come within the ping
 * timeout (Tornado's {@code websocket_ping_interval} / {@code websocket_ping_timeout});
 * both close with 1001 and a reason that says why, which {@code connectionLost}
 * receives;</li>
 * <li>closes the socket of a connection that is still closing after the close timeout,
 * whoever started the close: a peer that never answers the close frame, or never reads
 * it, keeps its socket no longer.</li>
 * </ul>
 * One timer thread sweeps all connections, so a close is seen and a socket closed at most
 * one sweep period late (a quarter of the shortest timeout, at most 1 s). Pings and
 * closes go through each connection's outbound queue; they and the aborts are started on
 * threads for blocking calls, never on the timer. Hixie has no ping: the idle timeout
 * covers it, and its connections bound their close themselves.
 */
public final class ConnectionSupervisor implements SmartLifecycle {

	private static final Log logger = LogFactory.getLog(ConnectionSupervisor.class);

	private final Duration idleTimeout;

	private final Duration pingInterval;

	private final Duration pingTimeout;

	private final Duration closeTimeout;

	private final ServletContainer container;

	private final ScheduledExecutorService timer;

	private final Executor executor;

	private final Map<WebSocketSession, Activity> sessions = new ConcurrentHashMap<>();

	private volatile boolean running;

	/**
	 * Create a supervisor.
	 * @param idleTimeout how long a peer may send nothing; zero for no limit
	 * @param pingInterval how often to ping RFC 6455 peers; zero for no pings
	 * @param pingTimeout how long a pong may take
	 * @param closeTimeout how long a closing connection may keep its socket
	 * @param container the container layer, which applies the settings to its sessions
	 * and closes their sockets
	 * @param timer runs the sweep
	 * @param executor runs pings, closes and aborts, each on a thread of its own (they
	 * can only block on Tomcat)
	 */
	public ConnectionSupervisor(Duration idleTimeout, Duration pingInterval, Duration pingTimeout,
			Duration closeTimeout, ServletContainer container, ScheduledExecutorService timer, Executor executor) {
		this.idleTimeout = idleTimeout;
		this.pingInterval = pingInterval;
		this.pingTimeout = pingTimeout;
		this.closeTimeout = closeTimeout;
		this.container = container;
		this.timer = timer;
		this.executor = executor;
	}

	/**
	 * Watch a new session.
	 * @param session the session
	 * @return what the session's inbound traffic is recorded in, with
	 * {@link Activity#received()}
	 */
	Activity opened(WebSocketSession session) {
		this.container.sessionOpened(session);
		Activity activity = new Activity(System.nanoTime());
		this.sessions.put(session, activity);
		return activity;
	}

	/**
	 * The close of a session was reported. Watched on until the container lets go of its
	 * socket.
	 */
	void closed(WebSocketSession session) {
		Activity activity = this.sessions.get(session);
		if (activity == null) {
			return;
		}
		if (this.container.isReleased(session)) {
			this.sessions.remove(session);
		}
		else {
			activity.closeReported = true;
			activity.closing(System.nanoTime());
		}
	}

	@Override
	public void start() {
		long period = sweepPeriod().toMillis();
		this.timer.scheduleWithFixedDelay(this::sweep, period, period, TimeUnit.MILLISECONDS);
		this.running = true;
	}

	private Duration sweepPeriod() {
		long shortest = Stream
			.of(this.idleTimeout, this.pingInterval, this.pingInterval.isZero() ? Duration.ZERO : this.pingTimeout,
					this.closeTimeout)
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
		if (activity.closingSince == 0 && !session.isOpen()) {
			activity.closing(now);
		}
		if (activity.closingSince != 0) {
			checkClosing(session, activity, now);
			return;
		}
		if (session instanceof OutboundSession outbound && outbound.closeIfStalled()) {
			activity.closing(now);
			return;
		}
		if (!this.idleTimeout.isZero() && now - activity.lastInbound > this.idleTimeout.toNanos()) {
			close(session, activity, now, "Idle for " + this.idleTimeout);
			return;
		}
		if (this.pingInterval.isZero() || SelfWritingSession.protocolOf(session) != WebSocketProtocol.RFC_6455) {
			return;
		}
		if (activity.pingSent != 0) {
			if (now - activity.pingSent > this.pingTimeout.toNanos()) {
				close(session, activity, now, "No pong within " + this.pingTimeout);
			}
		}
		else if (now - activity.lastInbound >= this.pingInterval.toNanos()) {
			activity.pingSent = now;
			this.executor.execute(() -> ping(session));
		}
	}

	private void checkClosing(WebSocketSession session, Activity activity, long now) {
		if (activity.closeReported && this.container.isReleased(session)) {
			this.sessions.remove(session);
		}
		else if (now - activity.closingSince > this.closeTimeout.toNanos() && this.sessions.remove(session) != null) {
			logger.info("Closing the socket of connection " + session.getId() + " to " + session.getUri()
					+ ": its close did not complete within the close timeout of " + this.closeTimeout);
			this.executor.execute(() -> abort(session));
		}
	}

	private void abort(WebSocketSession session) {
		if (session instanceof OutboundSession outbound) {
			outbound.abort();
		}
		this.container.abort(session);
	}

	private void ping(WebSocketSession session) {
		try {
			session.sendMessage(new PingMessage(ByteBuffer.allocate(0)));
		}
		catch (Exception ex) {
			logger.debug("Ping of connection " + session.getId() + " failed", ex);
		}
	}

	private void close(WebSocketSession session, Activity activity, long now, String reason) {
		activity.closing(now);
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

	/**
	 * When the peer last sent something, when an unanswered ping went out (0 for none),
	 * and since when the connection is closing (0 while open).
	 */
	static final class Activity {

		volatile long lastInbound;

		volatile long pingSent;

		volatile long closingSince;

		volatile boolean closeReported;

		Activity(long now) {
			this.lastInbound = now;
		}

		/** The peer sent something: it is alive, and answered any ping. */
		void received() {
			this.lastInbound = System.nanoTime();
			this.pingSent = 0;
		}

		void closing(long now) {
			if (this.closingSince == 0) {
				this.closingSince = now;
			}
		}

	}

}
