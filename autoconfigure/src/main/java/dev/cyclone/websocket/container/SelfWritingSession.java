package dev.cyclone.websocket.container;

import dev.cyclone.websocket.WebSocketProtocol;

import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.WebSocketSessionDecorator;

/**
 * A {@link WebSocketSession} whose transport writes asynchronously and offers its own
 * {@link SessionWriter} (the legacy transport's sessions): the connection's outbound
 * queue writes through it, and its own {@code sendMessage} is not used.
 */
public interface SelfWritingSession extends WebSocketSession {

	/**
	 * @return the writer of this session's transport
	 */
	SessionWriter writer();

	/**
	 * @return the protocol this session's transport speaks
	 */
	WebSocketProtocol protocol();

	/**
	 * The protocol a session speaks, whatever decorates it.
	 * @param session a session, possibly decorated
	 * @return the protocol of the legacy transport's session, otherwise RFC 6455
	 */
	static WebSocketProtocol protocolOf(WebSocketSession session) {
		return (WebSocketSessionDecorator.unwrap(session) instanceof SelfWritingSession selfWriting)
				? selfWriting.protocol() : WebSocketProtocol.RFC_6455;
	}

}
