/**
 * The legacy transport: the servlet filter that accepts Hixie-76 and Hixie-75 handshakes
 * on the mapped paths with the same pipeline as RFC 6455, the connection that speaks the
 * drafts on what the container layer hands over (handshake answer, framing, closing
 * handshake, bounded outbound frames), and the Spring {@code WebSocketSession} it
 * presents to the handler.
 */
package dev.cyclone.websocket.hixie76.servlet;
