package dev.cyclone.websocket.hixie76.servlet;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;

import dev.cyclone.websocket.hixie76.HixieDraft;

/**
 * What every Hixie connection shares.
 *
 * @param drafts the drafts accepted
 * @param maxMessageSize the largest frame accepted from a client, in bytes
 * @param handshakeTimeout how long a Hixie-76 client may take to send key3 after the
 * request head
 * @param closeTimeout the longest a closing connection keeps its socket: then it is
 * closed whatever the peer does
 * @param timer starts the timeouts (shared, owned by the application's connection
 * settings); never runs a handler
 * @param executor runs what a timeout starts, so that handlers never run on the timer
 */
public record HixieSettings(Set<HixieDraft> drafts, int maxMessageSize, Duration handshakeTimeout,
		Duration closeTimeout, ScheduledExecutorService timer, Executor executor) {

}
