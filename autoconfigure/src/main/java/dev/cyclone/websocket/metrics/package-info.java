/**
 * WebSocket metrics: the events the transports report, and their Micrometer recording.
 */
package dev.cyclone.websocket.metrics;
