/**
 * Broadcasts across application instances on Redis pub/sub:
 * {@link dev.cyclone.websocket.cluster.WebSocketCluster} relays the broadcasts to
 * {@link dev.cyclone.websocket.ConnectionSelector selectors} and delivers those of the
 * other instances into this instance's outbound queues, through a bounded publish queue,
 * a listener that never writes to sockets and an ordered, bounded delivery executor. The
 * only place that names Redis.
 */
@NullMarked
package dev.cyclone.websocket.cluster;

import org.jspecify.annotations.NullMarked;
