package dev.cyclone.websocket.adapter;

import java.net.SocketTimeoutException;
import java.util.ArrayDeque;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import dev.cyclone.websocket.CloseReason;
import dev.cyclone.websocket.container.SessionWriter;

import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketMessage;

/**
 * The bounded outbound buffer of one connection, whatever its protocol, and its one
 * policy. {@link #offer} never blocks: it queues the message and, when no write is in
 * progress, starts writing. Messages, pings and pongs are written one at a time and
 * whole, in the order offered, and the close follows what was queued before it. A peer
 * that does not read fast enough (the payload waiting to be written exceeds the buffer
 * limit, counted in UTF-8 bytes for text, or the write in progress started longer ago
 * than the send time limit) is closed with {@link CloseReason#SEND_LIMIT_EXCEEDED},
 * unless the overflow policy drops its oldest queued messages to make room. Thread-safe.
 */
final class OutboundQueue {

	private static final Log logger = LogFactory.getLog(OutboundQueue.class);

	private final SessionWriter writer;

	private final Executor executor;

	private final OutboundLimits limits;

	private final String connectionName;

	private final ArrayDeque<Pending> pending = new ArrayDeque<>(2);

	private long pendingSize;

	private boolean writing;

	private long writeStartedNanos;

	private @Nullable CloseStatus closeWhenFlushed;

	private boolean closed;

	private boolean droppedBefore;

	private final Consumer<CloseStatus> closeSent;

	private final LongSupplier nanoTime;

	/**
	 * Create the queue of a connection.
	 * @param writer writes the messages
	 * @param executor runs the closes, which may block
	 * @param limits the outbound limits
	 * @param connectionName names the connection in the log
	 * @param closeSent told the status of the close when the writer starts sending it
	 * @param nanoTime the monotonic clock the send time limit is measured with
	 * ({@code System::nanoTime})
	 */
	OutboundQueue(SessionWriter writer, Executor executor, OutboundLimits limits, String connectionName,
			Consumer<CloseStatus> closeSent, LongSupplier nanoTime) {
		this.writer = writer;
		this.executor = executor;
		this.limits = limits;
		this.connectionName = connectionName;
		this.closeSent = closeSent;
		this.nanoTime = nanoTime;
	}

	/**
	 * Queue a message.
	 * @param message the message
	 * @param size its payload size in bytes, UTF-8 bytes for text
	 * ({@link MessageSizes#of})
	 * @return {@link Offer#QUEUED}; {@link Offer#CLOSED} when closed or closing;
	 * {@link Offer#LIMIT_EXCEEDED} when this message hit a limit, which closes the
	 * connection
	 */
	Offer offer(WebSocketMessage<?> message, long size) {
		String limitHit;
		synchronized (this) {
			if (this.closed || this.closeWhenFlushed != null) {
				return Offer.CLOSED;
			}
			limitHit = limitHit(size);
			if (limitHit == null) {
				this.pending.add(new Pending(message, size));
				this.pendingSize += size;
				if (this.writing) {
					return Offer.QUEUED;
				}
				this.writing = true;
				this.writeStartedNanos = this.nanoTime.getAsLong();
			}
		}
		if (limitHit != null) {
			closeForSlowPeer(limitHit);
			return Offer.LIMIT_EXCEEDED;
		}
		drain();
		return Offer.QUEUED;
	}

	/**
	 * Close with 4500 when the write in progress started longer ago than the send time
	 * limit: a peer that stopped reading is found even when nothing more is sent to it.
	 * @return whether it was closed for that
	 */
	boolean closeIfStalled() {
		String stalled;
		synchronized (this) {
			stalled = this.closed ? null : writeStalled();
		}
		if (stalled != null) {
			closeForSlowPeer(stalled);
		}
		return stalled != null;
	}

	private void closeForSlowPeer(String cause) {
		logger.warn(this.connectionName + ": " + cause + ", closing with " + CloseReason.SEND_LIMIT_EXCEEDED.code());
		closeNow(CloseReason.SEND_LIMIT_EXCEEDED.withReason("Send limit exceeded").toCloseStatus());
	}

	private @Nullable String limitHit(long size) {
		if (this.limits.overflow() == OverflowPolicy.DROP_OLDEST && size <= this.limits.bufferLimit()) {
			dropOldestToFit(size);
		}
		if (this.pendingSize + size > this.limits.bufferLimit()) {
			return "peer is not reading: outbound buffer limit of " + this.limits.bufferLimit() + " bytes exceeded";
		}
		return writeStalled();
	}

	/**
	 * @return why the write in progress counts as stalled, {@code null} when it does not;
	 * monitor held
	 */
	private @Nullable String writeStalled() {
		if (this.writing
				&& this.nanoTime.getAsLong() - this.writeStartedNanos > this.limits.sendTimeLimit().toNanos()) {
			return "peer is not reading: a write has taken longer than the send time limit of "
					+ this.limits.sendTimeLimit();
		}
		return null;
	}

	private void dropOldestToFit(long size) {
		int dropped = 0;
		while (this.pendingSize + size > this.limits.bufferLimit() && !this.pending.isEmpty()) {
			this.pendingSize -= this.pending.poll().size();
			dropped++;
		}
		if (dropped > 0 && !this.droppedBefore) {
			this.droppedBefore = true;
			logger.warn(this.connectionName + ": peer is not reading fast enough: dropping its oldest messages "
					+ "(cyclone.websocket.send-overflow=drop-oldest); logged once per connection");
		}
	}

	/**
	 * Close once every queued message is written. Has no effect when already closed or
	 * closing.
	 * @param status the close status to send
	 */
	void close(CloseStatus status) {
		synchronized (this) {
			if (this.closed || this.closeWhenFlushed != null) {
				return;
			}
			if (this.writing) {
				this.closeWhenFlushed = status;
				return;
			}
			this.closed = true;
		}
		closeOnExecutor(status);
	}

	/**
	 * Drop the queued messages and close at once.
	 * @param status the close status to send
	 */
	void closeNow(CloseStatus status) {
		synchronized (this) {
			if (this.closed) {
				return;
			}
			discardPending();
		}
		closeOnExecutor(status);
	}

	/** Drop the queued messages and refuse new ones: the connection is gone. */
	synchronized void discard() {
		discardPending();
	}

	/**
	 * @return whether the queue has been closed or is closing
	 */
	synchronized boolean isClosing() {
		return this.closed || this.closeWhenFlushed != null;
	}

	/**
	 * @return the size of the messages waiting to be written
	 */
	synchronized long pendingSize() {
		return this.pendingSize;
	}

	private void discardPending() {
		this.closed = true;
		this.pending.clear();
		this.pendingSize = 0;
	}

	private void closeOnExecutor(CloseStatus status) {
		Runnable close = () -> {
			this.closeSent.accept(status);
			this.writer.close(status);
		};
		try {
			this.executor.execute(close);
		}
		catch (RejectedExecutionException ex) {
			close.run();
		}
	}

	/**
	 * Drop what is queued, refuse more, and have the writer close the connection without
	 * the closing handshake.
	 */
	void abort() {
		discard();
		this.writer.abort();
	}

	/**
	 * Write queued messages until the queue is empty or a write completes later; the
	 * completion of a later write resumes the loop on the thread that reports it.
	 */
	private void drain() {
		while (true) {
			Pending next;
			CloseStatus closeStatus = null;
			synchronized (this) {
				next = this.closed ? null : this.pending.poll();
				if (next == null) {
					this.writing = false;
					if (!this.closed && this.closeWhenFlushed != null) {
						this.closed = true;
						closeStatus = this.closeWhenFlushed;
					}
				}
				else {
					this.pendingSize -= next.size();
					this.writeStartedNanos = this.nanoTime.getAsLong();
				}
			}
			if (next == null) {
				if (closeStatus != null) {
					closeOnExecutor(closeStatus);
				}
				return;
			}
			WriteCompletion completion = new WriteCompletion();
			try {
				this.writer.write(next.message(), completion);
			}
			catch (RuntimeException ex) {
				completion.accept(ex);
			}
			if (!completion.completedBeforeReturn()) {
				return;
			}
		}
	}

	private void writeFailed(Throwable failure) {
		if (!this.writer.isOpen()) {
			// the transport is closing or closed, and reports the end with its own status
			discard();
			return;
		}
		if (failure instanceof SocketTimeoutException) {
			closeForSlowPeer("peer is not reading: " + failure.getMessage());
			return;
		}
		if (logger.isDebugEnabled()) {
			logger.debug(this.connectionName + ": write failed, closing", failure);
		}
		closeNow(CloseReason.SEND_LIMIT_EXCEEDED.withReason("Write failed").toCloseStatus());
	}

	/**
	 * Tells the drain loop whether a write completed inline (continue the loop) or later
	 * (its completion resumes the loop).
	 */
	private final class WriteCompletion implements Consumer<@Nullable Throwable> {

		private static final int PENDING = 0;

		private static final int COMPLETED_INLINE = 1;

		private static final int WRITER_RETURNED = 2;

		private final AtomicInteger state = new AtomicInteger(PENDING);

		@Override
		public void accept(@Nullable Throwable failure) {
			if (failure != null) {
				writeFailed(failure);
			}
			if (!this.state.compareAndSet(PENDING, COMPLETED_INLINE)) {
				drain();
			}
		}

		boolean completedBeforeReturn() {
			return !this.state.compareAndSet(PENDING, WRITER_RETURNED);
		}

	}

	/** What became of an offered message. */
	enum Offer {

		/** Queued, to be written after what was queued before it. */
		QUEUED,

		/** Refused: the connection is closed or closing. */
		CLOSED,

		/** Refused: it hit a limit, and the connection is closed with 4500. */
		LIMIT_EXCEEDED

	}

	/** A queued message and its size in bytes (UTF-8 bytes for text). */
	private record Pending(WebSocketMessage<?> message, long size) {

	}

}
