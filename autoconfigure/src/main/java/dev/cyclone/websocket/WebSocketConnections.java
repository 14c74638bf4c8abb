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
 *
 * <pre class="code">
 * connections.broadcast(Map.of("from", name, "text", text),
 *         (connection) -&gt; room.equals(connection.request().pathVariable("room")));
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
	 * encoded once as JSON with the application's {@code JsonMapper}. Local: it reaches
	 * this application instance's connections only.
	 * @param message the message
	 * @param selection which connections get it
	 * @return how many connections queued it (closed, closing and overflowing ones do
	 * not)
	 */
	int broadcast(Object message, Predicate<? super WebSocketConnection> selection);

	/**
	 * Queue a message on every open connection.
	 * @param message the message: a {@code String}, a {@code byte[]} or a value encoded
	 * as JSON
	 * @return how many connections queued it
	 */
	default int broadcast(Object message) {
		return broadcast(message, (connection) -> true);
	}

}
