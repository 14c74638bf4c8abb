package dev.cyclone.websocket.container;

import java.io.IOException;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;

import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.WebSocketSession;

/**
 * Writes the messages of one session without blocking the caller and reports when each is
 * written; the container layer gives each session the best one
 * ({@link ServletContainer#writerFor}). Its user never starts a write before the previous
 * one completed.
 */
public abstract class SessionWriter {

	/** The session written to. */
	protected final WebSocketSession session;

	/**
	 * Create a writer.
	 * @param session the session written to
	 */
	protected SessionWriter(WebSocketSession session) {
		this.session = session;
	}

	/**
	 * The writer for a session with no asynchronous API of its container's: its
	 * transport's own when it has one ({@link SelfWritingSession}, the legacy transport),
	 * otherwise the session's {@code sendMessage} on a thread for blocking calls.
	 * @param session the session
	 * @param blockingCalls runs calls that can only block, each on a thread of its own
	 * @return the writer
	 */
	public static SessionWriter generic(WebSocketSession session, Executor blockingCalls) {
		return (session instanceof SelfWritingSession selfWriting) ? selfWriting.writer()
				: new BlockingSessionWriter(session, blockingCalls);
	}

	/**
	 * Start writing a message.
	 * @param message the message
	 * @param completion called once, from any thread (possibly before this method
	 * returns), with {@code null} when the message was written or with the failure
	 */
	public abstract void write(WebSocketMessage<?> message, Consumer<@Nullable Throwable> completion);

	/**
	 * @return whether the session is still open on its transport
	 */
	public boolean isOpen() {
		return this.session.isOpen();
	}

	/**
	 * Close the connection now, without waiting for the closing handshake any longer,
	 * where the writer's transport can; by default nothing, and the container layer
	 * aborts the session ({@link ServletContainer#abort}).
	 */
	public void abort() {
	}

	/**
	 * Close the session. May block up to the send time limit or the close timeout, so it
	 * never runs on a caller's thread.
	 * @param status the close status
	 */
	public void close(CloseStatus status) {
		try {
			this.session.close(status);
		}
		catch (IOException | RuntimeException ex) {
			// the peer is gone already; the transport reports the close to the handler
		}
	}

}
