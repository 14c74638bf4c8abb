package dev.cyclone.websocket.hixie76.servlet;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Queue;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.WebConnection;

/**
 * An upgraded connection driven by the test as a container would drive it: bytes arrive when the test delivers them,
 * the output is ready or not as the test says, and every callback runs on the test's thread.
 */
final class FakeWebConnection implements WebConnection {

	private final Input input = new Input();

	private final Output output = new Output();

	private boolean closed;

	@Override
	public ServletInputStream getInputStream() {
		return this.input;
	}

	@Override
	public ServletOutputStream getOutputStream() {
		return this.output;
	}

	@Override
	public void close() {
		this.closed = true;
	}

	boolean isClosed() {
		return this.closed;
	}

	/** Bytes arrive from the peer, in one read callback. */
	void deliver(byte[]... chunks) throws IOException {
		for (byte[] chunk : chunks) {
			this.input.chunks.add(chunk);
		}
		this.input.listener.onDataAvailable();
	}

	/** The peer stops reading: the output is not ready until {@link #peerReads()}. */
	void peerStopsReading() {
		this.output.ready = false;
	}

	/** The peer reads again: the output is ready and the container says so. */
	void peerReads() throws IOException {
		this.output.ready = true;
		this.output.listener.onWritePossible();
	}

	/** @return every byte written so far */
	byte[] written() {
		return this.output.bytes.toByteArray();
	}

	private static final class Input extends ServletInputStream {

		private final Queue<byte[]> chunks = new ArrayDeque<>();

		private ReadListener listener;

		@Override
		public boolean isFinished() {
			return false;
		}

		@Override
		public boolean isReady() {
			return !this.chunks.isEmpty();
		}

		@Override
		public void setReadListener(ReadListener readListener) {
			this.listener = readListener;
		}

		@Override
		public int read() {
			throw new UnsupportedOperationException();
		}

		@Override
		public int read(byte[] buffer, int offset, int length) {
			byte[] next = this.chunks.remove();
			if (next.length > length) {
				throw new IllegalArgumentException("Chunks in these tests fit the read buffer");
			}
			System.arraycopy(next, 0, buffer, offset, next.length);
			return next.length;
		}

	}

	private static final class Output extends ServletOutputStream {

		private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

		private boolean ready = true;

		private WriteListener listener;

		@Override
		public boolean isReady() {
			return this.ready;
		}

		@Override
		public void setWriteListener(WriteListener writeListener) {
			this.listener = writeListener;
		}

		@Override
		public void write(int b) {
			write(new byte[] { (byte) b }, 0, 1);
		}

		@Override
		public void write(byte[] buffer, int offset, int length) {
			if (!this.ready) {
				throw new IllegalStateException("Written while not ready");
			}
			this.bytes.write(buffer, offset, length);
		}

	}

}
