package dev.cyclone.websocket.handshake;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;

import org.jspecify.annotations.Nullable;

import dev.cyclone.websocket.WebSocketProtocol;
import dev.cyclone.websocket.metrics.ConnectionCounts;

/**
 * Counts the open connections of every mapped handler by protocol, the one count the
 * limits, the gauges and the Actuator endpoint read, and tells whether a global or a
 * per-handler maximum is reached. The count follows the connections the handlers saw open
 * and close; handshakes in flight are not counted, so a burst of simultaneous handshakes
 * may pass the limit by their number. Thread-safe.
 */
public final class ConnectionLimits implements ConnectionCounts {

	private final @Nullable Integer globalMaximum;

	private final Map<String, Integer> handlerMaximums;

	private final AtomicInteger total = new AtomicInteger();

	private final Map<String, AtomicIntegerArray> byHandler = new ConcurrentHashMap<>();

	/**
	 * Create the limits.
	 * @param globalMaximum the most connections of all handlers together, or {@code null}
	 * for no limit
	 * @param handlerMaximums the most connections per handler bean name; handlers not
	 * listed have no limit of their own
	 */
	public ConnectionLimits(@Nullable Integer globalMaximum, Map<String, Integer> handlerMaximums) {
		this.globalMaximum = globalMaximum;
		this.handlerMaximums = Map.copyOf(handlerMaximums);
	}

	/**
	 * The default maximum of WebSocket connections on a web server with a connection
	 * limit: a tenth of its connections, at least one, stays for plain HTTP.
	 * @param containerLimit the web server's connection limit
	 * @return the WebSocket connections allowed
	 */
	public static int leavingRoomForHttp(int containerLimit) {
		return Math.max(0, containerLimit - Math.max(1, containerLimit / 10));
	}

	/**
	 * Which limit a new connection to a handler would exceed.
	 * @param handlerName the handler's bean name
	 * @return a description of the limit reached, or {@code null} when the connection may
	 * open
	 */
	public @Nullable String limitReached(String handlerName) {
		if (this.globalMaximum != null && this.total.get() >= this.globalMaximum) {
			return "the maximum of " + this.globalMaximum + " connections (cyclone.websocket.max-connections)";
		}
		Integer handlerMaximum = this.handlerMaximums.get(handlerName);
		if (handlerMaximum != null && count(handlerName) >= handlerMaximum) {
			return "the maximum of " + handlerMaximum + " connections of handler '" + handlerName + "'";
		}
		return null;
	}

	/**
	 * @return the open connections of all handlers
	 */
	public int count() {
		return this.total.get();
	}

	/**
	 * The open connections of one handler.
	 * @param handlerName the handler's bean name
	 * @return the count
	 */
	public int count(String handlerName) {
		return countsByProtocol(handlerName).values().stream().mapToInt(Integer::intValue).sum();
	}

	@Override
	public int count(String handlerName, WebSocketProtocol protocol) {
		AtomicIntegerArray counts = this.byHandler.get(handlerName);
		return (counts != null) ? counts.get(protocol.ordinal()) : 0;
	}

	/**
	 * The open connections of one handler by protocol.
	 * @param handlerName the handler's bean name
	 * @return the count of every protocol, zeros included
	 */
	public Map<WebSocketProtocol, Integer> countsByProtocol(String handlerName) {
		Map<WebSocketProtocol, Integer> byProtocol = new EnumMap<>(WebSocketProtocol.class);
		for (WebSocketProtocol protocol : WebSocketProtocol.values()) {
			byProtocol.put(protocol, count(handlerName, protocol));
		}
		return byProtocol;
	}

	void opened(String handlerName, WebSocketProtocol protocol) {
		this.total.incrementAndGet();
		this.byHandler.computeIfAbsent(handlerName, (name) -> new AtomicIntegerArray(WebSocketProtocol.values().length))
			.incrementAndGet(protocol.ordinal());
	}

	void closed(String handlerName, WebSocketProtocol protocol) {
		this.total.decrementAndGet();
		this.byHandler.get(handlerName).decrementAndGet(protocol.ordinal());
	}

}
