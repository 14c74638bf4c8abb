package dev.cyclone.websocket.adapter;

import java.io.IOException;
import java.util.function.LongSupplier;

import org.jspecify.annotations.Nullable;

import dev.cyclone.websocket.CloseReason;
import dev.cyclone.websocket.WebSocketProtocol;
import dev.cyclone.websocket.container.SelfWritingSession;
import dev.cyclone.websocket.metrics.MessageMeters;

import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.SessionLimitExceededException;
import org.springframework.web.socket.handler.WebSocketSessionDecorator;

/**
 * The one outbound path of a connection, whatever its protocol and whatever handler it
 * serves: every send, ping, pong and close goes through its bounded {@link OutboundQueue}
 * and the queue's one policy. The session a mapped handler sees, cyclone handlers and
 * plain Spring handlers alike.
 * <p>
 * For a plain Spring handler it behaves as Spring's
 * {@code ConcurrentWebSocketSessionDecorator}: {@link #sendMessage} returns once the
 * message is queued, throws {@link SessionLimitExceededException} when the policy closes
 * the session for it, and drops messages sent once the session is closing.
 */
public final class OutboundSession extends WebSocketSessionDecorator {

	private final OutboundQueue queue;

	private final String handlerName;

	private final WebSocketProtocol protocol;

	private final MessageMeters meters;

	/**
	 * The status of the first close the server sent, {@code null} before it sends one.
	 */
	private volatile @Nullable CloseStatus sentClose;

	/**
	 * Give a session its outbound path.
	 * @param session the session as the transport presents it
	 * @param handlerName the bean name of the handler it serves
	 * @param settings what the connections share
	 */
	public OutboundSession(WebSocketSession session, String handlerName, ConnectionSettings settings) {
		this(session, handlerName, settings, System::nanoTime);
	}

	OutboundSession(WebSocketSession session, String handlerName, ConnectionSettings settings, LongSupplier nanoTime) {
		super(session);
		this.handlerName = handlerName;
		this.protocol = SelfWritingSession.protocolOf(session);
		this.meters = settings.metrics().messageMeters(handlerName, this.protocol);
		this.queue = new OutboundQueue(settings.container().writerFor(session, settings.blockingCalls()),
				settings.blockingCalls(), settings.outboundLimits(), describe(session), this::closeSent, nanoTime);
	}

	/**
	 * The outbound path of a session: the session itself when it is one already.
	 * @param session the session
	 * @param handlerName the bean name of the handler it serves
	 * @param settings what the connections share
	 * @return the session's outbound path
	 */
	static OutboundSession of(WebSocketSession session, String handlerName, ConnectionSettings settings) {
		return (session instanceof OutboundSession outbound) ? outbound
				: new OutboundSession(session, handlerName, settings);
	}

	private String describe(WebSocketSession session) {
		return "Connection " + session.getId() + " (" + this.protocol + ", handler '" + this.handlerName + "')";
	}

	/**
	 * @return the meters that count the connection's messages
	 */
	public MessageMeters meters() {
		return this.meters;
	}

	/**
	 * @return the protocol the connection speaks
	 */
	public WebSocketProtocol protocol() {
		return this.protocol;
	}

	/**
	 * Queue a message.
	 * @param message a text, binary, ping or pong message
	 * @return whether it was queued: {@code false} once the connection is closing, or
	 * when this message hit a limit (which closes the connection with 4500)
	 * @throws UnsupportedOperationException for a binary message on a legacy connection,
	 * which has none
	 */
	public boolean offer(WebSocketMessage<?> message) {
		return queue(message) == OutboundQueue.Offer.QUEUED;
	}

	/**
	 * Queue a message and return.
	 * @throws SessionLimitExceededException when this message hit a limit, which closes
	 * the session with 4500
	 * @throws UnsupportedOperationException for a binary message on a legacy connection,
	 * which has none
	 */
	@Override
	public void sendMessage(WebSocketMessage<?> message) throws IOException {
		if (queue(message) == OutboundQueue.Offer.LIMIT_EXCEEDED) {
			throw new SessionLimitExceededException(describe(getDelegate()) + " exceeded its send limits",
					CloseReason.SEND_LIMIT_EXCEEDED.withReason("Send limit exceeded").toCloseStatus());
		}
	}

	private OutboundQueue.Offer queue(WebSocketMessage<?> message) {
		if (message instanceof BinaryMessage && this.protocol != WebSocketProtocol.RFC_6455) {
			throw new UnsupportedOperationException(describe(getDelegate()) + " speaks " + this.protocol
					+ ", which has no binary messages; binary messages need RFC 6455");
		}
		long size = MessageSizes.of(message);
		OutboundQueue.Offer offer = this.queue.offer(message, size);
		if (offer == OutboundQueue.Offer.QUEUED
				&& (message instanceof TextMessage || message instanceof BinaryMessage)) {
			this.meters.sent(size);
		}
		return offer;
	}

	/** Close once what is queued is written. */
	@Override
	public void close() {
		close(CloseStatus.NORMAL);
	}

	/**
	 * Close once what is queued is written. A reason over 123 bytes of UTF-8 is cut
	 * short, as the containers do for a plain Spring session.
	 * @throws IllegalArgumentException for a code that may not be sent
	 * ({@link CloseReason#requireSendableCode})
	 */
	@Override
	public void close(CloseStatus status) {
		CloseReason.requireSendableCode(status.getCode());
		this.queue.close(status);
	}

	/**
	 * Drop what is queued and close at once.
	 * @param status the close status to send
	 */
	public void closeNow(CloseStatus status) {
		this.queue.closeNow(status);
	}

	/**
	 * Close with 4500 when the write in progress started longer ago than the send time
	 * limit.
	 * @return whether it was closed for that
	 */
	public boolean closeIfStalled() {
		return this.queue.closeIfStalled();
	}

	/**
	 * The close did not complete within the close timeout: drop what is queued and close
	 * the connection now where its transport can (the legacy transport; the container
	 * layer aborts the others).
	 */
	public void abort() {
		this.queue.abort();
	}

	/** The connection is gone: drop what is queued and refuse more. */
	public void discard() {
		this.queue.discard();
	}

	/**
	 * @return whether it is open: not closing, and open on the transport
	 */
	@Override
	public boolean isOpen() {
		return !this.queue.isClosing() && getDelegate().isOpen();
	}

	/**
	 * @return the status of the first close the server sent, {@code null} before it sent
	 * one
	 */
	@Nullable CloseStatus sentClose() {
		return this.sentClose;
	}

	private void closeSent(CloseStatus status) {
		synchronized (this) {
			if (this.sentClose == null) {
				this.sentClose = status;
			}
		}
	}

}
