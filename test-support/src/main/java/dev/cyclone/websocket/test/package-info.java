/**
 * Unit-test support for cyclone-style WebSocket handlers:
 * {@link dev.cyclone.websocket.test.WebSocketHandlerTester} runs a handler's callbacks
 * against a fake connection that records what the handler sent, without starting a
 * server. Add this module with test scope.
 */
package dev.cyclone.websocket.test;
