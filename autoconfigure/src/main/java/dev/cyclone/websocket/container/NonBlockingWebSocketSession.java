package dev.cyclone.websocket.container;

import org.springframework.web.socket.WebSocketSession;

/**
 * A {@link WebSocketSession} whose {@code sendMessage} only queues what it is given and never blocks, so that the
 * connection's outbound queue calls it on the sender's thread (the legacy transport's sessions are such sessions).
 */
public interface NonBlockingWebSocketSession extends WebSocketSession {

}
