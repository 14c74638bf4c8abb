/**
 * The bridge between Spring's WebSocket SPI and the cyclone API: the Spring
 * {@code WebSocketHandler} that serves a cyclone handler bean with one instance per
 * connection, the handshake step that makes that instance, the bounded asynchronous
 * outbound queue, and the registry of open connections.
 */
package dev.cyclone.websocket.adapter;
