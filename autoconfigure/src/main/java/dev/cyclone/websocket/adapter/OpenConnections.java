package dev.cyclone.websocket.adapter;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import tools.jackson.databind.json.JsonMapper;

import dev.cyclone.websocket.CloseReason;
import dev.cyclone.websocket.ConnectionSelector;
import dev.cyclone.websocket.WebSocketConnection;
import dev.cyclone.websocket.WebSocketConnections;
import dev.cyclone.websocket.WebSocketProtocol;

import org.springframework.context.SmartLifecycle;

/**
 * Every open connection of the cyclone handlers, the {@link WebSocketConnections} of the
 * application. When the application context closes, refuses new upgrades, closes each
 * connection with 1001 Going Away after its queued messages are written, waits up to the
 * grace period, and then reports the end of the remaining ones to their handlers itself:
 * {@code connectionLost} runs for every connection before the context is gone. Stops
 * before the web server does.
 */
public final class OpenConnections implements WebSocketConnections, SmartLifecycle {

	private static final Log logger = LogFactory.getLog(OpenConnections.class);

	private static final CloseReason SHUTDOWN = CloseReason.GOING_AWAY.withReason("Server shutting down");

	private final Map<String, SessionConnection> connections = new ConcurrentHashMap<>();

	private final Duration gracePeriod;

	private final JsonMapper jsonMapper;

	private volatile BroadcastRelay relay = BroadcastRelay.NONE;

	private volatile boolean running;

	/**
	 * Create the registry.
	 * @param gracePeriod how long a shutdown waits for the connections to close cleanly
	 * @param jsonMapper encodes broadcast values
	 */
	public OpenConnections(Duration gracePeriod, JsonMapper jsonMapper) {
		this.gracePeriod = gracePeriod;
		this.jsonMapper = jsonMapper;
	}

	void add(SessionConnection connection) {
		this.connections.put(connection.id(), connection);
	}

	void remove(SessionConnection connection) {
		if (this.connections.remove(connection.id(), connection)) {
			synchronized (this) {
				notifyAll();
			}
		}
	}

	@Override
	public int count() {
		return this.connections.size();
	}

	@Override
	public int count(String handlerName) {
		return ofHandler(handlerName).size();
	}

	@Override
	public List<WebSocketConnection> all() {
		return List.copyOf(this.connections.values());
	}

	@Override
	public List<WebSocketConnection> ofHandler(String handlerName) {
		return select((connection) -> connection.handlerName().equals(handlerName));
	}

	@Override
	public List<WebSocketConnection> onPath(String path) {
		return select((connection) -> connection.request().path().equals(path));
	}

	@Override
	public Optional<WebSocketConnection> get(String id) {
		return Optional.ofNullable(this.connections.get(id));
	}

	@Override
	public List<WebSocketConnection> select(Predicate<? super WebSocketConnection> selection) {
		List<WebSocketConnection> selected = new ArrayList<>();
		for (SessionConnection connection : this.connections.values()) {
			if (selection.test(connection)) {
				selected.add(connection);
			}
		}
		return selected;
	}

	@Override
	public int broadcast(Object message, Predicate<? super WebSocketConnection> selection) {
		return deliver(BroadcastMessage.of(message, this.jsonMapper), selection);
	}

	@Override
	public int broadcast(Object message, ConnectionSelector selector) {
		BroadcastMessage encoded = BroadcastMessage.of(message, this.jsonMapper);
		int queued = deliver(encoded, selector::matches);
		this.relay.relay(encoded, selector);
		return queued;
	}

	/**
	 * Queue a message on every selected connection of this instance; binary messages on
	 * RFC 6455 connections only.
	 * @param message the message
	 * @param selection which connections get it
	 * @return how many connections queued it
	 */
	public int deliver(BroadcastMessage message, Predicate<? super WebSocketConnection> selection) {
		byte[] binary = message.binary();
		int queued = 0;
		if (binary != null) {
			for (SessionConnection connection : this.connections.values()) {
				if (connection.protocol() == WebSocketProtocol.RFC_6455 && selection.test(connection)
						&& connection.sendBinary(binary)) {
					queued++;
				}
			}
			return queued;
		}
		String text = Objects.requireNonNull(message.text());
		for (SessionConnection connection : this.connections.values()) {
			if (selection.test(connection) && connection.sendText(text)) {
				queued++;
			}
		}
		return queued;
	}

	/**
	 * Send the broadcasts to selectors on to other instances from now on.
	 * @param relay where they go
	 */
	public void relayTo(BroadcastRelay relay) {
		this.relay = relay;
	}

	/**
	 * @return whether new connections are accepted: the application is running and not
	 * shutting down
	 */
	public boolean isAcceptingConnections() {
		return this.running;
	}

	@Override
	public void start() {
		this.running = true;
	}

	@Override
	public void stop() {
		this.running = false;
		List<SessionConnection> open = new ArrayList<>(this.connections.values());
		if (open.isEmpty()) {
			return;
		}
		logger.info("Closing " + open.size() + " WebSocket connection(s) for shutdown");
		open.forEach((connection) -> connection.close(SHUTDOWN));
		awaitClosed();
		List<SessionConnection> remaining = new ArrayList<>(this.connections.values());
		if (!remaining.isEmpty()) {
			logger.warn(remaining.size() + " WebSocket connection(s) did not close within " + this.gracePeriod
					+ "; closing them now");
			remaining.forEach((connection) -> connection.abort(SHUTDOWN));
		}
	}

	private synchronized void awaitClosed() {
		long deadline = System.nanoTime() + this.gracePeriod.toNanos();
		long left;
		while (!this.connections.isEmpty() && (left = deadline - System.nanoTime()) > 0) {
			try {
				wait(Math.max(1, left / 1_000_000));
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return SmartLifecycle.DEFAULT_PHASE;
	}

}
