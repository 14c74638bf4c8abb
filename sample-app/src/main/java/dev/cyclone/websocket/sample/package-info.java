/**
 * The sample application: the seed's {@code EchoWebSocket} and a JSON room handler.
 */
package dev.cyclone.websocket.sample;
