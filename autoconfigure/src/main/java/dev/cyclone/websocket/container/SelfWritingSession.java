package dev.cyclone.websocket.container;

import org.springframework.web.socket.WebSocketSession;

/**
 * A {@link WebSocketSession} whose transport writes asynchronously and offers its own {@link SessionWriter} (the
 * legacy transport's sessions): the connection's outbound queue writes through it, and its own
 * {@code sendMessage} is not used.
 */
public interface SelfWritingSession extends WebSocketSession {

	/** @return the writer of this session's transport */
	SessionWriter writer();

}
