package dev.cyclone.websocket.adapter;

import java.time.Duration;

/**
 * Limits of a connection's outbound buffer.
 *
 * @param bufferLimit the most queued outbound payload, in bytes (UTF-8 bytes for text),
 * before the peer is considered too slow
 * @param sendTimeLimit the longest one write may take before the peer is considered too
 * slow
 * @param overflow what happens when the buffer is full
 */
public record OutboundLimits(long bufferLimit, Duration sendTimeLimit, OverflowPolicy overflow) {

}
