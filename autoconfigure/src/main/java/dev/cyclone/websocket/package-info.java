/**
 * The cyclone-style WebSocket API: subclass
 * {@link dev.cyclone.websocket.WebSocketHandler}, override {@code connectionMade},
 * {@code messageReceived} and {@code connectionLost}, and call {@code sendMessage}. The
 * same handler serves RFC 6455 and the legacy Hixie drafts. Everything public here is for
 * applications; the callbacks stay protected, and what the starter's transports and test
 * support need to drive them lives in {@code dev.cyclone.websocket.internal}, which is
 * not API.
 */
package dev.cyclone.websocket;
