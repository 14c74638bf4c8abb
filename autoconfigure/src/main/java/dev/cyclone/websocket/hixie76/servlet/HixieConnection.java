package dev.cyclone.websocket.hixie76.servlet;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.WebConnection;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import dev.cyclone.websocket.FrameDecodeError;
import dev.cyclone.websocket.adapter.OverflowPolicy;
import dev.cyclone.websocket.adapter.SlowPeerException;
import dev.cyclone.websocket.hixie76.Hixie76FrameDecoder;
import dev.cyclone.websocket.hixie76.Hixie76FrameEncoder;
import dev.cyclone.websocket.hixie76.Hixie76Handshake;
import dev.cyclone.websocket.hixie76.HixieDraft;

import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketHandler;

/**
 * The upgraded Hixie connection: reads with a {@link ReadListener} and writes with a {@link WriteListener}, so no
 * thread is held while it is idle. Completes the Hixie-76 handshake once key3 arrived (however it is cut), decodes
 * frames into text messages for the Spring {@link WebSocketHandler}, queues outbound frames in a bounded buffer and
 * writes them only when the container says the stream is ready. Follows the draft's closing handshake and reports
 * the end of the connection to the handler exactly once.
 */
final class HixieConnection implements ReadListener, WriteListener {

	private static final Log logger = LogFactory.getLog(HixieConnection.class);

	private static final int READ_CHUNK = 8192;

	private enum State {

		AWAITING_KEY3, OPEN, CLOSING, CLOSED

	}

	private final HixieHandshake handshake;

	private final WebSocketHandler handler;

	private final HixieWebSocketSession session;

	private final ContainerSupport container;

	private final Hixie76FrameDecoder decoder;

	private final Consumer<String> messageSink = this::deliver;

	private final AtomicBoolean finished = new AtomicBoolean();

	private final AtomicBoolean transportClosed = new AtomicBoolean();

	private final AtomicBoolean closeReported = new AtomicBoolean();

	private volatile boolean established;

	/** Runs the handler's callbacks one at a time, whichever thread reports the event. */
	private final ReentrantLock callbackLock = new ReentrantLock();

	private final ArrayDeque<Outbound> outbound = new ArrayDeque<>();

	/** The bytes of the frames in {@link #outbound}, the handshake answer and the closing frame included. */
	private long outboundBytes;

	/**
	 * When the queued data last started waiting for the container: stamped when a frame is queued into an empty
	 * queue and whenever a write makes progress.
	 */
	private long waitingSince;

	private final byte[] key3 = new byte[Hixie76Handshake.KEY3_LENGTH];

	private int key3Length;

	/** Whether the upgraded input stream delivered a byte; read on container read callbacks only. */
	private boolean inputDelivered;

	private volatile State state;

	private volatile CloseStatus closeStatus = CloseStatus.NORMAL;

	private ServletInputStream input;

	private ServletOutputStream output;

	private WebConnection socket;

	private @Nullable ScheduledFuture<?> handshakeTimeout;

	private @Nullable ScheduledFuture<?> closeTimeout;

	private volatile Thread callbackThread;

	HixieConnection(HixieHandshake handshake, WebSocketHandler handler, HixieWebSocketSession session,
			ContainerSupport container) {
		this.handshake = handshake;
		this.handler = handler;
		this.session = session;
		this.container = container;
		this.decoder = new Hixie76FrameDecoder(handshake.settings().maxMessageSize());
		this.state = (handshake.draft() == HixieDraft.HIXIE_76) ? State.AWAITING_KEY3 : State.OPEN;
	}

	HixieDraft draft() {
		return this.handshake.draft();
	}

	boolean isOpen() {
		return this.state == State.OPEN;
	}

	/**
	 * Start serving the upgraded connection.
	 * @param connection the upgraded connection
	 */
	void start(WebConnection connection) {
		this.socket = connection;
		this.session.initializeNativeSession(this);
		try {
			this.input = connection.getInputStream();
			this.output = connection.getOutputStream();
		}
		catch (IOException ex) {
			onError(ex);
			return;
		}
		this.container.started();
		this.output.setWriteListener(this);
		if (this.state == State.AWAITING_KEY3) {
			if (this.handshake.key3() != null) {
				receiveKey3(this.handshake.key3(), 0, Hixie76Handshake.KEY3_LENGTH);
			}
			else {
				synchronized (this) {
					this.handshakeTimeout = schedule(this::handshakeTimedOut,
							this.handshake.settings().handshakeTimeout());
				}
			}
		}
		else {
			established();
		}
		this.input.setReadListener(this);
	}

	@Override
	public void onDataAvailable() throws IOException {
		this.callbackThread = Thread.currentThread();
		try {
			byte[] chunk = new byte[READ_CHUNK];
			while (this.state != State.CLOSED && this.input.isReady()) {
				int read = this.input.read(chunk);
				if (read < 0) {
					return;
				}
				this.inputDelivered = true;
				received(chunk, 0, read);
			}
			finishIfClosed();
		}
		finally {
			this.callbackThread = null;
		}
	}

	/**
	 * Bytes that {@link ContainerSupport#readInstead} read from the connection.
	 * @param data the bytes
	 * @param offset where they start
	 * @param length how many
	 * @return whether to go on reading
	 */
	boolean receivedInstead(byte[] data, int offset, int length) {
		if (this.state != State.CLOSED) {
			received(data, offset, length);
		}
		return !finishIfClosed();
	}

	/** @return whether the connection is over: closed, or the closing handshake is complete */
	private boolean finishIfClosed() {
		if (this.state == State.CLOSED || (this.decoder.isClosed() && closingFrameWritten())) {
			finish();
			closeTransport();
			return true;
		}
		return false;
	}

	private void received(byte[] data, int offset, int length) {
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
	 * Take key3 bytes. Once all eight are in, the connection opens unless it began closing meanwhile (the handshake
	 * timeout fired): then the bytes are dropped and neither the answer nor {@code connectionMade} follows.
	 */
	private int receiveKey3(byte[] data, int offset, int length) {
		int taken = Math.min(length, Hixie76Handshake.KEY3_LENGTH - this.key3Length);
		System.arraycopy(data, offset, this.key3, this.key3Length, taken);
		this.key3Length += taken;
		if (this.key3Length == Hixie76Handshake.KEY3_LENGTH) {
			boolean opened;
			synchronized (this) {
				opened = this.state == State.AWAITING_KEY3;
				if (opened) {
					enqueue(this.handshake.answer(this.key3), false);
					this.state = State.OPEN;
				}
			}
			cancel(this.handshakeTimeout);
			if (opened) {
				// open for the handler (registered, connectionMade run) before the client can see the answer; what
				// the handler sends meanwhile follows the answer
				established();
				writeQueued();
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
		if (this.finished.get()) {
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

	/** Hands a decoded message to the handler, unless the connection stopped being open. */
	private void deliver(String message) {
		if (this.state != State.OPEN) {
			return;
		}
		if (!invoke("a message", () -> this.handler.handleMessage(this.session, new TextMessage(message)))) {
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

	/** @return whether nothing, the closing frame included, waits in the queue any more */
	private synchronized boolean closingFrameWritten() {
		return this.state != State.OPEN && this.outbound.isEmpty();
	}

	/**
	 * The upgraded input stream ended: the peer closed its side, unless the container ended it before the first
	 * byte while the connection goes on (Jetty, see {@link JettyContainerSupport}).
	 */
	@Override
	public void onAllDataRead() {
		if (!this.inputDelivered && this.state != State.CLOSED && this.container.readInstead(this)) {
			return;
		}
		dropped();
	}

	@Override
	public void onError(Throwable failure) {
		if (logger.isDebugEnabled()) {
			logger.debug("I/O error on " + this.handshake.describe(), failure);
		}
		dropped();
	}

	/**
	 * The peer went away without the closing handshake, the connection broke, or the container discarded it:
	 * reported as 1006 unless the connection is already closing or closed.
	 */
	void dropped() {
		if (this.state != State.CLOSING && this.state != State.CLOSED) {
			this.closeStatus = CloseStatus.NO_CLOSE_FRAME;
		}
		finish();
		closeTransport();
	}

	/** Close a Hixie-76 handshake whose key3 did not come in time; nothing once the connection opened. */
	private void handshakeTimedOut() {
		synchronized (this) {
			if (this.state != State.AWAITING_KEY3) {
				return;
			}
			startClosing(CloseStatus.POLICY_VIOLATION);
		}
		logger.warn("Closing " + this.handshake.describe() + ": key3 did not arrive within the handshake timeout of "
				+ this.handshake.settings().handshakeTimeout());
		writeQueued();
	}

	/**
	 * Queue a text message.
	 * @param text the message
	 * @throws IOException when the connection is not open or its outbound buffer is full
	 */
	void sendText(String text) throws IOException {
		byte[] frame = Hixie76FrameEncoder.encodeText(text);
		HixieSettings settings = this.handshake.settings();
		synchronized (this) {
			if (this.state != State.OPEN) {
				throw new IOException("The " + this.handshake.describe() + " is not open");
			}
			if (settings.overflow() == OverflowPolicy.DROP_OLDEST) {
				dropOldestToFit(frame.length);
			}
			if (this.outboundBytes + frame.length > settings.outboundBufferLimit()) {
				throw new SlowPeerException("its transport buffer of " + settings.outboundBufferLimit()
						+ " bytes is full");
			}
			if (!this.outbound.isEmpty()
					&& settings.nanoTime().getAsLong() - this.waitingSince > settings.sendTimeLimit().toNanos()) {
				throw new SlowPeerException("data has waited longer than the send time limit of "
						+ settings.sendTimeLimit());
			}
			enqueue(frame, true);
		}
		writeQueued();
	}

	/** Queue a frame, counting its bytes; called with the monitor held. */
	private void enqueue(byte[] frame, boolean droppable) {
		if (this.outbound.isEmpty()) {
			this.waitingSince = this.handshake.settings().nanoTime().getAsLong();
		}
		this.outbound.add(new Outbound(frame, droppable));
		this.outboundBytes += frame.length;
	}

	/**
	 * Drop the oldest message frames not yet handed to the container until one of this size fits; the handshake
	 * answer and the closing frame stay.
	 */
	private void dropOldestToFit(int size) {
		long limit = this.handshake.settings().outboundBufferLimit();
		Iterator<Outbound> oldestFirst = this.outbound.iterator();
		while (this.outboundBytes + size > limit && size <= limit && oldestFirst.hasNext()) {
			Outbound next = oldestFirst.next();
			if (next.droppable()) {
				oldestFirst.remove();
				this.outboundBytes -= next.frame().length;
			}
		}
	}

	/**
	 * Start the closing handshake: send {@code 0xFF 0x00} after what is queued, then close the TCP connection. Also
	 * ends a Hixie-76 handshake whose key3 never came: the frame gives the container a reason to call back.
	 * @param status the status reported to the handler (the draft has no close codes)
	 */
	void close(CloseStatus status) {
		synchronized (this) {
			if (this.state == State.CLOSING || this.state == State.CLOSED) {
				return;
			}
			startClosing(status);
		}
		writeQueued();
	}

	/** Queue the closing frame and bound how long the peer may take it; called with the monitor held. */
	private void startClosing(CloseStatus status) {
		this.state = State.CLOSING;
		this.closeStatus = status;
		enqueue(Hixie76FrameEncoder.closeFrame(), false);
		this.closeTimeout = schedule(this::closeTimedOut, this.handshake.settings().sendTimeLimit());
	}

	/** A peer that does not take the closing frame within the send time limit counts as closed. */
	private void closeTimedOut() {
		if (!this.finished.get()) {
			logger.warn("The " + this.handshake.describe() + " did not take the closing frame within "
					+ this.handshake.settings().sendTimeLimit() + "; it counts as closed");
			finish();
		}
	}

	/**
	 * Run a task after a delay: the timer only hands it to the executor, so that neither the task nor the handler
	 * callbacks it leads to hold up the timer that every connection shares.
	 */
	private ScheduledFuture<?> schedule(Runnable task, Duration delay) {
		HixieSettings settings = this.handshake.settings();
		return settings.timer().schedule(() -> {
			try {
				settings.executor().execute(task);
			}
			catch (RejectedExecutionException ex) {
				task.run();
			}
		}, delay.toMillis(), TimeUnit.MILLISECONDS);
	}

	private static void cancel(@Nullable ScheduledFuture<?> task) {
		if (task != null) {
			task.cancel(false);
		}
	}

	@Override
	public void onWritePossible() {
		this.callbackThread = Thread.currentThread();
		try {
			if (this.state == State.CLOSED) {
				closeTransport();
			}
			else {
				writeQueued();
			}
		}
		finally {
			this.callbackThread = null;
		}
	}

	/**
	 * Write what is queued while the container accepts it (it calls {@link #onWritePossible()} when it is ready
	 * again), then close the TCP connection when the closing handshake is written. Never called with the monitor
	 * held, so that the handler's close callback runs outside it.
	 */
	private void writeQueued() {
		boolean done;
		boolean onContainerThread = this.callbackThread == Thread.currentThread();
		synchronized (this) {
			if (this.output == null || this.state == State.CLOSED) {
				return;
			}
			try {
				done = writeWhileReady(onContainerThread);
			}
			catch (IOException | IllegalStateException ex) {
				if (logger.isDebugEnabled()) {
					logger.debug("Write failed on " + this.handshake.describe(), ex);
				}
				if (this.state != State.CLOSING) {
					this.closeStatus = CloseStatus.NO_CLOSE_FRAME;
				}
				done = true;
			}
		}
		if (done) {
			finish();
		}
	}

	/**
	 * Write while the stream is ready.
	 * @param onContainerThread whether this runs in a container callback of this connection
	 * @return whether the closing handshake is written
	 */
	private boolean writeWhileReady(boolean onContainerThread) throws IOException {
		boolean progress = false;
		while (!this.outbound.isEmpty()) {
			if (!this.output.isReady()) {
				if (progress) {
					this.waitingSince = this.handshake.settings().nanoTime().getAsLong();
				}
				return false;
			}
			byte[] next = this.outbound.poll().frame();
			this.outboundBytes -= next.length;
			this.output.write(next);
			progress = true;
		}
		if (!this.output.isReady()) {
			return false;
		}
		this.output.flush();
		return this.state == State.CLOSING && (this.output.isReady() || !onContainerThread);
	}

	/**
	 * The connection is over: drop what is queued, cancel its timeouts, close the transport when on a container
	 * callback, and report the end to the handler once, when it had seen the connection open.
	 * <p>
	 * A container may close an upgraded connection only when it dispatches an event to it (Tomcat does), so off a
	 * container callback the transport is closed by the next one: the client's answer to the closing frame, its
	 * disconnect, or the write callback.
	 */
	private void finish() {
		if (!this.finished.compareAndSet(false, true)) {
			return;
		}
		synchronized (this) {
			this.state = State.CLOSED;
			this.outbound.clear();
			this.outboundBytes = 0;
			cancel(this.handshakeTimeout);
			cancel(this.closeTimeout);
		}
		if (this.callbackThread == Thread.currentThread()) {
			closeTransport();
		}
		if (this.established) {
			reportClosed();
		}
	}

	private void closeTransport() {
		if (this.transportClosed.compareAndSet(false, true)) {
			try {
				this.socket.close();
			}
			catch (Exception ex) {
				logger.debug("Failed to close " + this.handshake.describe(), ex);
			}
			this.container.close();
		}
	}

	private void reportClosed() {
		if (this.closeReported.compareAndSet(false, true)) {
			invoke("the close", () -> this.handler.afterConnectionClosed(this.session, this.closeStatus));
		}
	}

	@Override
	public String toString() {
		return this.handshake.describe() + " [" + this.state + "]";
	}

	/** A frame waiting to be written; only message frames may be dropped to make room. */
	private record Outbound(byte[] frame, boolean droppable) {

	}

	/** A callback of the handler. */
	@FunctionalInterface
	private interface HandlerCallback {

		void run() throws Exception;

	}

}
