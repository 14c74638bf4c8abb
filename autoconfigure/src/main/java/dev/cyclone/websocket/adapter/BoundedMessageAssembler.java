package dev.cyclone.websocket.adapter;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.WebSocketHandlerDecorator;

/**
 * Enforces one maximum message size in bytes for every protocol and hands the handler
 * whole messages only. It takes messages from the container in parts, so the container
 * keeps its small default buffers however large the maximum is, and assembles only what
 * arrives; a message over the maximum closes the connection with 1009 before the handler
 * sees any of it. Memory for a message in progress exists only while one is.
 */
public final class BoundedMessageAssembler extends WebSocketHandlerDecorator {

	private static final Log logger = LogFactory.getLog(BoundedMessageAssembler.class);

	private final long maxMessageSize;

	/**
	 * The messages in progress, by connection (not in the session's attributes, which are
	 * the application's).
	 */
	private final Map<WebSocketSession, Partial> partials = new ConcurrentHashMap<>();

	/**
	 * Decorate a handler.
	 * @param delegate the handler that receives whole messages
	 * @param maxMessageSize the largest message accepted, in bytes (UTF-8 bytes for text)
	 */
	public BoundedMessageAssembler(WebSocketHandler delegate, long maxMessageSize) {
		super(delegate);
		this.maxMessageSize = maxMessageSize;
	}

	@Override
	public void handleMessage(WebSocketSession session, WebSocketMessage<?> message) throws Exception {
		if (!(message instanceof TextMessage) && !(message instanceof BinaryMessage)) {
			super.handleMessage(session, message);
			return;
		}
		Partial partial = this.partials.get(session);
		long size = ((partial != null) ? partial.size : 0) + MessageSizes.of(message);
		if (size > this.maxMessageSize) {
			this.partials.remove(session);
			logger
				.warn("Closing connection " + session.getId() + " to " + session.getUri() + " with 1009: a message of "
						+ (message.isLast() ? "" : "at least ") + size + " bytes exceeds the maximum of "
						+ this.maxMessageSize + " bytes (cyclone.websocket.max-message-size)");
			session
				.close(CloseStatus.TOO_BIG_TO_PROCESS.withReason("Message exceeds " + this.maxMessageSize + " bytes"));
			return;
		}
		if (message.isLast() && partial == null) {
			super.handleMessage(session, message);
			return;
		}
		if (partial == null) {
			partial = new Partial(message instanceof TextMessage);
			this.partials.put(session, partial);
		}
		partial.append(message, size);
		if (message.isLast()) {
			this.partials.remove(session);
			super.handleMessage(session, partial.whole());
		}
	}

	@Override
	public void afterConnectionClosed(WebSocketSession session, CloseStatus closeStatus) throws Exception {
		this.partials.remove(session);
		super.afterConnectionClosed(session, closeStatus);
	}

	@Override
	public boolean supportsPartialMessages() {
		return true;
	}

	/** The parts of a message in progress. */
	private static final class Partial {

		private final StringBuilder text;

		private final ByteArrayOutputStream binary;

		private long size;

		Partial(boolean text) {
			this.text = text ? new StringBuilder() : null;
			this.binary = text ? null : new ByteArrayOutputStream();
		}

		void append(WebSocketMessage<?> part, long sizeSoFar) {
			this.size = sizeSoFar;
			if (part instanceof TextMessage textPart) {
				this.text.append(textPart.getPayload());
			}
			else {
				ByteBuffer payload = ((BinaryMessage) part).getPayload();
				byte[] bytes = new byte[payload.remaining()];
				payload.get(bytes);
				this.binary.writeBytes(bytes);
			}
		}

		WebSocketMessage<?> whole() {
			return (this.text != null) ? new TextMessage(this.text) : new BinaryMessage(this.binary.toByteArray());
		}

	}

}
