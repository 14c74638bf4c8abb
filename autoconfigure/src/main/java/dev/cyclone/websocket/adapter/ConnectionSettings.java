package dev.cyclone.websocket.adapter;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;

import tools.jackson.databind.json.JsonMapper;

import dev.cyclone.websocket.container.ServletContainer;
import dev.cyclone.websocket.metrics.WebSocketMetrics;

/**
 * What every connection of the application shares: the executors, the timer, the outbound
 * limits, the JSON mapper and the registry of open connections.
 *
 * @param executor runs what a timeout starts (closes, the handler's callbacks), so that
 * nothing runs on the timer
 * @param blockingCalls runs each container call that can only block (a write, ping or
 * close of a session without an asynchronous API, Tomcat's RFC 6455 ping and close) on a
 * thread of its own, bounded by the send time limit, so that a peer that stopped reading
 * holds up no other connection
 * @param timer starts timeouts and the connection supervision
 * @param outboundLimits the outbound buffer limits
 * @param jsonMapper encodes {@code sendMessage(Object)}
 * @param openConnections the registry of open connections
 * @param metrics records what happens on the connections
 * @param container the container layer, which gives each session its writer
 */
public record ConnectionSettings(ExecutorService executor, ExecutorService blockingCalls,
		ScheduledExecutorService timer, OutboundLimits outboundLimits, JsonMapper jsonMapper,
		OpenConnections openConnections, WebSocketMetrics metrics, ServletContainer container) {

	/**
	 * Stop the executors and the timer once the connections are closed; called when the
	 * context closes.
	 */
	public void shutdown() {
		this.timer.shutdownNow();
		this.executor.shutdown();
		this.blockingCalls.shutdown();
	}

}
