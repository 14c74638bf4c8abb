package dev.cyclone.websocket.adapter;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;

import dev.cyclone.websocket.metrics.WebSocketMetrics;
import tools.jackson.databind.json.JsonMapper;

/**
 * What every connection of the application shares: the executor for closes and blocking writes, the timer, the
 * outbound limits, the JSON mapper and the registry of open connections.
 *
 * @param executor runs closes and blocking writes, never on a caller's thread
 * @param timer runs timeouts and the connection supervision
 * @param outboundLimits the outbound buffer limits
 * @param jsonMapper encodes {@code sendMessage(Object)}
 * @param openConnections the registry of open connections
 * @param metrics records what happens on the connections
 */
public record ConnectionSettings(ExecutorService executor, ScheduledExecutorService timer, OutboundLimits outboundLimits, JsonMapper jsonMapper,
		OpenConnections openConnections, WebSocketMetrics metrics) {

	/** Stop the executor and the timer once the connections are closed; called when the context closes. */
	public void shutdown() {
		this.timer.shutdownNow();
		this.executor.shutdown();
	}

}
