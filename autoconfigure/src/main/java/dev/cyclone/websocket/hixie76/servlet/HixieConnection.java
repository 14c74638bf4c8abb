package dev.cyclone.websocket.hixie76.servlet;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import dev.cyclone.websocket.FrameDecodeError;
import dev.cyclone.websocket.container.UpgradedConnection;
import dev.cyclone.websocket.container.UpgradedConnectionListener;
import dev.cyclone.websocket.hixie76.Hixie76FrameDecoder;
import dev.cyclone.websocket.hixie76.Hixie76FrameEncoder;
import dev.cyclone.websocket.hixie76.Hixie76Handshake;
import dev.cyclone.websocket.hixie76.HixieDraft;

import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketHandler;

/**
 * A Hixie-76 or Hixie-75 connection on the connection the container hands over: completes
 * the Hixie-76 handshake once key3 arrived (however it is cut), decodes frames into text
 * messages for the Spring {@link WebSocketHandler}, and writes the handshake answer and
 * then the frames of the connection's outbound queue, one at a time, holding no policy of
 * its own. Follows the draft's closing handshake, closes the socket once the closing
 * frame is written or the close timeout passed, whoever started the close and whatever
 * the peer does, and reports the end of the connection to the handler exactly once.
 */
final class HixieConnection implements UpgradedConnectionListener {

	private static final Log logger = LogFactory.getLog(HixieConnection.class);

	/**
	 * Sets {@link #finished} once the connection is over: an int field, not an object, as
	 * every idle connection has one.
	 */
	private static final AtomicIntegerFieldUpdater<HixieConnection> FINISHED = AtomicIntegerFieldUpdater
		.newUpdater(HixieConnection.class, "finished");

	/** Sets {@link #closeReported} once the close was reported to the handler. */
	private static final AtomicIntegerFieldUpdater<HixieConnection> CLOSE_REPORTED = AtomicIntegerFieldUpdater
		.newUpdater(HixieConnection.class, "closeReported");

	private enum State {

		AWAITING_KEY3, OPEN, CLOSING, CLOSED

	}

	private final HixieHandshake handshake;

	private final WebSocketHandler handler;

	private final HixieWebSocketSession session;

	private final Hixie76FrameDecoder decoder;

	private final Consumer<String> messageSink = this::deliver;

	private volatile int finished;

	private volatile int closeReported;

	private volatile boolean established;

	/** Runs the handler's callbacks one at a time, whichever thread reports the event. */
	private final ReentrantLock callbackLock = new ReentrantLock();

	/**
	 * Frames waiting for the write in progress: at most the outbound queue's one write,
	 * after the handshake answer, and the closing frame.
	 */
	private final ArrayDeque<PendingWrite> waiting = new ArrayDeque<>(2);

	/** Whether a frame is being written. */
	private boolean writing;

	/** Whether the closing frame was handed over: nothing follows it. */
	private boolean closeFrameQueued;

	/** Until all of key3 is in; then dropped. */
	private byte @Nullable [] key3 = new byte[Hixie76Handshake.KEY3_LENGTH];

	private int key3Length;

	private volatile State state;

	private volatile CloseStatus closeStatus = CloseStatus.NORMAL;

	private volatile @Nullable UpgradedConnection connection;

	private @Nullable ScheduledFuture<?> handshakeTimeout;

	private @Nullable ScheduledFuture<?> closeTimeout;

	HixieConnection(HixieHandshake handshake, WebSocketHandler handler, HixieWebSocketSession session) {
		this.handshake = handshake;
		this.handler = handler;
		this.session = session;
		this.decoder = new Hixie76FrameDecoder(handshake.settings().maxMessageSize());
		this.state = (handshake.draft() == HixieDraft.HIXIE_76) ? State.AWAITING_KEY3 : State.OPEN;
		session.initializeNativeSession(this);
	}

	HixieDraft draft() {
		return this.handshake.draft();
	}

	boolean isOpen() {
		return this.state == State.OPEN;
	}

	@Override
	public void opened(UpgradedConnection connection) {
		this.connection = connection;
		if (this.state == State.AWAITING_KEY3) {
			synchronized (this) {
				this.handshakeTimeout = schedule(this::handshakeTimedOut, this.handshake.settings().handshakeTimeout());
			}
		}
		else if (this.state == State.OPEN) {
			established();
		}
	}

	@Override
	public void received(byte[] data, int offset, int length) {
		int end = offset + length;
		int next = offset;
		if (this.state == State.AWAITING_KEY3) {
			next = receiveKey3(data, offset, length);
		}
		if (next < end && (this.state == State.OPEN || this.state == State.CLOSING)) {
			decode(data, next, end - next);
		}
	}

	/**
	 * Take key3 bytes. Once all eight are in, the connection opens unless it began
	 * closing meanwhile (the handshake timeout fired): then the bytes are dropped and
	 * neither the answer nor {@code connectionMade} follows.
	 */
	private int receiveKey3(byte[] data, int offset, int length) {
		byte[] key3 = this.key3;
		if (key3 == null) {
			return offset;
		}
		int taken = Math.min(length, Hixie76Handshake.KEY3_LENGTH - this.key3Length);
		System.arraycopy(data, offset, key3, this.key3Length, taken);
		this.key3Length += taken;
		if (this.key3Length == Hixie76Handshake.KEY3_LENGTH) {
			this.key3 = null;
			boolean opened;
			ScheduledFuture<?> timeout;
			synchronized (this) {
				opened = this.state == State.AWAITING_KEY3;
				if (opened) {
					this.state = State.OPEN;
				}
				timeout = this.handshakeTimeout;
				this.handshakeTimeout = null;
			}
			cancel(timeout);
			if (opened) {
				// the answer goes first; what the handler sends from connectionMade on
				// follows it
				write(this.handshake.answer(key3), Kind.ANSWER, (failure) -> {
				});
				established();
			}
		}
		return offset + taken;
	}

	private void established() {
		this.established = true;
		boolean opened = invoke("open", () -> this.handler.afterConnectionEstablished(this.session));
		if (!opened) {
			close(CloseStatus.SERVER_ERROR);
		}
		if (this.finished == 1) {
			reportClosed();
		}
	}

	private void decode(byte[] data, int offset, int length) {
		try {
			this.decoder.decode(data, offset, length, this.messageSink);
		}
		catch (FrameDecodeError ex) {
			logger.warn("Closing " + this.handshake.describe() + ": " + ex.getMessage());
			close(CloseStatus.TOO_BIG_TO_PROCESS.withReason(ex.getMessage()));
			return;
		}
		if (this.decoder.isClosed()) {
			close(CloseStatus.NORMAL);
		}
	}

	/**
	 * Hands a decoded message to the handler, unless the connection stopped being open.
	 */
	private void deliver(String message) {
		if (this.state != State.OPEN) {
			return;
		}
		boolean handled = invoke("a message", () -> {
			if (this.state == State.OPEN) {
				this.handler.handleMessage(this.session, new TextMessage(message));
			}
		});
		if (!handled) {
			close(CloseStatus.SERVER_ERROR);
		}
	}

	/**
	 * Run a callback of the handler while no other callback of this connection runs.
	 * @param what names the event for the log
	 * @param callback the callback
	 * @return whether it completed without an exception
	 */
	private boolean invoke(String what, HandlerCallback callback) {
		this.callbackLock.lock();
		try {
			callback.run();
			return true;
		}
		catch (Exception ex) {
			logger.error("Handler failed on " + what + " of " + this.handshake.describe(), ex);
			return false;
		}
		finally {
			this.callbackLock.unlock();
		}
	}

	/**
	 * The peer went away without the closing handshake, the connection broke, or the
	 * container discarded it: reported as 1006 unless the connection is already closing
	 * or closed.
	 */
	@Override
	public void ended(@Nullable Throwable failure) {
		if (failure != null && logger.isDebugEnabled()) {
			logger.debug("Connection failed: " + this.handshake.describe(), failure);
		}
		if (this.state != State.CLOSING && this.state != State.CLOSED) {
			this.closeStatus = CloseStatus.NO_CLOSE_FRAME;
		}
		finish();
	}

	/**
	 * Close a Hixie-76 handshake whose key3 did not come in time; nothing once the
	 * connection opened.
	 */
	private void handshakeTimedOut() {
		synchronized (this) {
			if (this.state != State.AWAITING_KEY3) {
				return;
			}
			startClosing(CloseStatus.POLICY_VIOLATION);
		}
		logger.warn("Closing " + this.handshake.describe() + ": key3 did not arrive within the handshake timeout of "
				+ this.handshake.settings().handshakeTimeout());
		writeCloseFrame();
	}

	/**
	 * Write a text frame for the connection's outbound queue, after what was handed over
	 * before it.
	 * @param text the message
	 * @param completion told once the frame is written, or why it was not
	 */
	void writeText(String text, Consumer<@Nullable Throwable> completion) {
		write(Hixie76FrameEncoder.encodeText(text), Kind.MESSAGE, completion);
	}

	/**
	 * Hand a frame to the container, after the frames handed over before it; one write is
	 * in progress at a time. Holds no policy: the outbound queue decides what is sent. A
	 * message frame is refused once the connection stopped being open, and anything once
	 * the closing frame is handed over.
	 */
	private void write(byte[] frame, Kind kind, Consumer<@Nullable Throwable> completion) {
		PendingWrite write = new PendingWrite(frame, kind, completion);
		UpgradedConnection target = this.connection;
		synchronized (this) {
			boolean refused = target == null || this.closeFrameQueued
					|| (kind == Kind.MESSAGE && this.state != State.OPEN);
			if (!refused) {
				this.closeFrameQueued = kind == Kind.CLOSE;
				if (this.writing) {
					this.waiting.add(write);
					return;
				}
				this.writing = true;
			}
			else {
				target = null;
			}
		}
		if (target == null) {
			completion.accept(new IOException("The " + this.handshake.describe() + " is not open"));
			return;
		}
		start(target, write);
	}

	private void start(UpgradedConnection target, PendingWrite write) {
		target.write(new ByteBuffer[] { ByteBuffer.wrap(write.frame()) }, (failure) -> written(target, write, failure));
	}

	/**
	 * A frame is written, or failed. The next waiting frame is taken before the
	 * completion is told, so that a frame the completion hands over at once is started by
	 * the caller's own loop rather than by a deeper call here.
	 */
	private void written(UpgradedConnection target, PendingWrite write, @Nullable Throwable failure) {
		if (failure != null) {
			write.completion().accept(failure);
			if (logger.isDebugEnabled()) {
				logger.debug("Write failed on " + this.handshake.describe(), failure);
			}
			ended(null);
			return;
		}
		if (write.kind() == Kind.CLOSE) {
			write.completion().accept(null);
			finish();
			return;
		}
		PendingWrite next;
		synchronized (this) {
			next = this.waiting.poll();
			this.writing = next != null;
		}
		write.completion().accept(null);
		if (next != null) {
			start(target, next);
		}
	}

	/**
	 * Start the closing handshake: send {@code 0xFF 0x00} after what was handed over,
	 * then close the TCP connection; the socket is closed after the close timeout in any
	 * case. Also ends a Hixie-76 handshake whose key3 never came.
	 * @param status the status reported to the handler (the draft has no close codes)
	 */
	void close(CloseStatus status) {
		synchronized (this) {
			if (this.state == State.CLOSING || this.state == State.CLOSED) {
				return;
			}
			startClosing(status);
		}
		writeCloseFrame();
	}

	/** Bound how long the socket may outlive the close; called with the monitor held. */
	private void startClosing(CloseStatus status) {
		this.state = State.CLOSING;
		this.closeStatus = status;
		this.closeTimeout = schedule(this::closeTimedOut, this.handshake.settings().closeTimeout());
	}

	private void writeCloseFrame() {
		write(Hixie76FrameEncoder.closeFrame(), Kind.CLOSE, (failure) -> {
		});
	}

	/**
	 * A peer that does not take the closing frame within the close timeout loses its
	 * connection all the same.
	 */
	private void closeTimedOut() {
		if (this.finished == 0) {
			logger.warn("The " + this.handshake.describe() + " did not take the closing frame within the close "
					+ "timeout of " + this.handshake.settings().closeTimeout() + "; closing its socket");
			finish();
		}
	}

	/**
	 * Run a task after a delay: the timer only hands it to the executor, so that neither
	 * the task nor the handler callbacks it leads to hold up the timer that every
	 * connection shares.
	 */
	private @Nullable ScheduledFuture<?> schedule(Runnable task, Duration delay) {
		try {
			return this.handshake.settings()
				.timer()
				.schedule(() -> runLater(task), delay.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (RejectedExecutionException ex) {
			// the application is stopping; its shutdown closes what is still open
			return null;
		}
	}

	/**
	 * Close the socket now, without the closing handshake: the close timeout passed
	 * elsewhere.
	 */
	void abort() {
		finish();
	}

	private static void cancel(@Nullable ScheduledFuture<?> task) {
		if (task != null) {
			task.cancel(false);
		}
	}

	/**
	 * The connection is over: fail the writes not yet started, cancel its timeouts, close
	 * the socket, and report the end to the handler once, when it had seen the connection
	 * open.
	 */
	private void finish() {
		if (!FINISHED.compareAndSet(this, 0, 1)) {
			return;
		}
		PendingWrite[] unwritten;
		synchronized (this) {
			this.state = State.CLOSED;
			this.closeFrameQueued = true;
			unwritten = this.waiting.toArray(PendingWrite[]::new);
			this.waiting.clear();
			cancel(this.handshakeTimeout);
			cancel(this.closeTimeout);
		}
		for (PendingWrite write : unwritten) {
			write.completion().accept(new IOException("The " + this.handshake.describe() + " is closed"));
		}
		UpgradedConnection target = this.connection;
		if (target != null) {
			target.close();
		}
		if (this.established) {
			reportClosed();
		}
	}

	/**
	 * Report the end to the handler once; never inside another callback of this
	 * connection (a send from a callback whose write fails at once ends the connection on
	 * the callback's thread): then the report follows it.
	 */
	private void reportClosed() {
		if (CLOSE_REPORTED.compareAndSet(this, 0, 1)) {
			Runnable report = () -> invoke("the close",
					() -> this.handler.afterConnectionClosed(this.session, this.closeStatus));
			if (this.callbackLock.isHeldByCurrentThread()) {
				runLater(report);
			}
			else {
				report.run();
			}
		}
	}

	private void runLater(Runnable task) {
		try {
			this.handshake.settings().executor().execute(task);
		}
		catch (RejectedExecutionException ex) {
			task.run();
		}
	}

	@Override
	public String toString() {
		return this.handshake.describe() + " [" + this.state + "]";
	}

	/**
	 * What a frame is: a message frame is refused once the connection stopped being open;
	 * the closing frame ends.
	 */
	private enum Kind {

		ANSWER, MESSAGE, CLOSE

	}

	/** A frame waiting for the write in progress. */
	private record PendingWrite(byte[] frame, Kind kind, Consumer<@Nullable Throwable> completion) {

	}

	/** A callback of the handler. */
	@FunctionalInterface
	private interface HandlerCallback {

		void run() throws Exception;

	}

}
