package dev.cyclone.websocket;

import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Every open connection of the cyclone handlers, whatever its protocol: inject it to
 * count, find and select connections and to broadcast to them. A connection is listed
 * from just before {@code connectionMade} until {@code connectionLost} runs. Broadcasts
 * queue the message on each selected connection's bounded outbound buffer and return at
 * once: no lock is held while writing, and a slow client only ever delays itself.
 * Thread-safe.
 * <p>
 * Counts, lookups and selections are this application instance's. A broadcast to a
 * {@link ConnectionSelector} also reaches the other instances' connections when the
 * cluster is enabled ({@code cyclone.websocket.cluster.enabled}, on Redis); a broadcast
 * to a {@link Predicate} stays on this instance.
 *
 * <pre class="code">
 * connections.broadcast(Map.of("from", name, "text", text),
 *         ConnectionSelector.pathVariable("room", room).excluding(connection()));
 * </pre>
 */
public interface WebSocketConnections {

	/**
	 * @return how many connections are open
	 */
	int count();

	/**
	 * How many connections of one handler are open.
	 * @param handlerName the handler's bean name
	 * @return the count
	 */
	int count(String handlerName);

	/**
	 * @return the open connections, a snapshot
	 */
	List<WebSocketConnection> all();

	/**
	 * The open connections of one handler.
	 * @param handlerName the handler's bean name
	 * @return a snapshot
	 */
	List<WebSocketConnection> ofHandler(String handlerName);

	/**
	 * The open connections whose request path is exactly this one (for example
	 * {@code /chat/lobby}).
	 * @param path the request path, without the context path's query
	 * @return a snapshot
	 */
	List<WebSocketConnection> onPath(String path);

	/**
	 * The open connection with this id.
	 * @param id the connection's id
	 * @return the connection, empty when no such connection is open
	 */
	Optional<WebSocketConnection> get(String id);

	/**
	 * The open connections that match a predicate, for example on their attributes or
	 * their principal.
	 * @param selection the predicate
	 * @return a snapshot
	 */
	List<WebSocketConnection> select(Predicate<? super WebSocketConnection> selection);

	/**
	 * Queue a message on every selected connection, with the rule of
	 * {@link WebSocketHandler#sendMessage(Object)}: a {@code String} as text, a
	 * {@code byte[]} as binary (to RFC 6455 connections only: the Hixie drafts have no
	 * binary messages, so Hixie connections are skipped and not counted), anything else
	 * encoded once as JSON with the application's {@code JsonMapper}. Local: a predicate
	 * cannot be sent to other instances, so this reaches this application instance's
	 * connections only, cluster or not; use
	 * {@link #broadcast(Object, ConnectionSelector)} to cross instances.
	 * @param message the message
	 * @param selection which connections get it
	 * @return how many connections queued it (closed, closing and overflowing ones do
	 * not)
	 */
	int broadcast(Object message, Predicate<? super WebSocketConnection> selection);

	/**
	 * Queue a message on every selected connection of this instance, as
	 * {@link #broadcast(Object, Predicate)} does, and, when the cluster is enabled,
	 * publish it for the other instances, which queue it on their selected connections:
	 * at most once, in order per publishing instance, never waiting for the broker.
	 * @param message the message: a {@code String}, a {@code byte[]} or a value encoded
	 * as JSON
	 * @param selector which connections get it, on every instance
	 * @return how many connections of this instance queued it
	 */
	int broadcast(Object message, ConnectionSelector selector);

	/**
	 * Queue a message on every open connection, of every instance when the cluster is
	 * enabled.
	 * @param message the message: a {@code String}, a {@code byte[]} or a value encoded
	 * as JSON
	 * @return how many connections of this instance queued it
	 */
	default int broadcast(Object message) {
		return broadcast(message, ConnectionSelector.all());
	}

}
