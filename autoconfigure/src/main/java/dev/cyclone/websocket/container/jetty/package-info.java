/**
 * The container layer on Jetty 12.1: legacy connections as Jetty connections of their
 * own, swapped in for Jetty's HTTP connection once the {@code 101} head is sent, as
 * Jetty's own WebSocket does; read and written on Jetty's endpoint without a thread held,
 * closed from any thread.
 */
package dev.cyclone.websocket.container.jetty;
