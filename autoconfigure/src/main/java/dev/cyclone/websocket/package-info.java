/**
 * The cyclone-style WebSocket API: subclass {@link dev.cyclone.websocket.WebSocketHandler}, override
 * {@code connectionMade}, {@code messageReceived} and {@code connectionLost}, and call {@code sendMessage}. The
 * same handler serves RFC 6455 and the legacy Hixie drafts.
 */
package dev.cyclone.websocket;
