package dev.cyclone.websocket.hixie76.servlet;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.LongSupplier;

import dev.cyclone.websocket.adapter.OverflowPolicy;
import dev.cyclone.websocket.hixie76.HixieDraft;

/**
 * What every Hixie connection shares.
 *
 * @param drafts the drafts accepted
 * @param maxMessageSize the largest frame accepted from a client, in bytes
 * @param handshakeTimeout how long a Hixie-76 client may take to send key3 after the request head
 * @param outboundBufferLimit the most encoded bytes waiting to be written before sends fail, or the oldest
 * frames are dropped
 * @param overflow what happens when the outbound buffer is full
 * @param sendTimeLimit the longest one write may take before sends fail
 * @param closeTimeout the longest a closing connection keeps its socket: then it is closed whatever the peer does
 * @param timer starts the timeouts (shared, owned by the application's connection settings); never runs a handler
 * @param executor runs what a timeout starts, so that handlers never run on the timer
 * @param nanoTime the monotonic clock the send time limit is measured with ({@code System::nanoTime})
 */
public record HixieSettings(Set<HixieDraft> drafts, int maxMessageSize, Duration handshakeTimeout,
		long outboundBufferLimit, OverflowPolicy overflow, Duration sendTimeLimit, Duration closeTimeout,
		ScheduledExecutorService timer, Executor executor, LongSupplier nanoTime) {

}
