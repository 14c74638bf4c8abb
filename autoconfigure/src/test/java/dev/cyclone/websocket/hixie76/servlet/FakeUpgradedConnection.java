package dev.cyclone.websocket.hixie76.servlet;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;

import dev.cyclone.websocket.container.UpgradedConnection;
import dev.cyclone.websocket.container.UpgradedConnectionListener;

/**
 * A connection driven by the test as a container would drive it: bytes arrive when the
 * test delivers them, a write completes at once while the peer reads and only when the
 * test says so otherwise, every callback runs on the test's thread.
 */
final class FakeUpgradedConnection implements UpgradedConnection {

	private final ByteArrayOutputStream written = new ByteArrayOutputStream();

	private UpgradedConnectionListener listener;

	private boolean peerReading = true;

	private ByteBuffer @Nullable [] pendingData;

	private @Nullable Consumer<@Nullable Throwable> pendingCompletion;

	private boolean closed;

	void open(UpgradedConnectionListener listener) {
		this.listener = listener;
		listener.opened(this);
	}

	@Override
	public void write(ByteBuffer[] data, Consumer<@Nullable Throwable> completion) {
		if (this.pendingCompletion != null) {
			throw new IllegalStateException("A write is already in progress");
		}
		if (this.closed) {
			completion.accept(new java.nio.channels.ClosedChannelException());
			return;
		}
		this.pendingData = data;
		this.pendingCompletion = completion;
		if (this.peerReading) {
			completePending();
		}
	}

	@Override
	public void close() {
		this.closed = true;
	}

	boolean isClosed() {
		return this.closed;
	}

	/** Bytes arrive from the peer, in one read. */
	void deliver(byte[] bytes) {
		this.listener.received(bytes, 0, bytes.length);
	}

	/** The peer stops reading: writes stay in progress until {@link #peerReads()}. */
	void peerStopsReading() {
		this.peerReading = false;
	}

	/**
	 * The peer reads again: the write in progress completes, and the ones after it at
	 * once.
	 */
	void peerReads() {
		this.peerReading = true;
		completePending();
	}

	/**
	 * @return whether a write waits for the peer
	 */
	boolean isWriting() {
		return this.pendingCompletion != null;
	}

	/**
	 * @return every byte the peer has read so far
	 */
	byte[] written() {
		return this.written.toByteArray();
	}

	private void completePending() {
		Consumer<@Nullable Throwable> completion = this.pendingCompletion;
		if (completion == null) {
			return;
		}
		for (ByteBuffer buffer : this.pendingData) {
			byte[] bytes = new byte[buffer.remaining()];
			buffer.get(bytes);
			this.written.writeBytes(bytes);
		}
		this.pendingData = null;
		this.pendingCompletion = null;
		completion.accept(null);
	}

}
