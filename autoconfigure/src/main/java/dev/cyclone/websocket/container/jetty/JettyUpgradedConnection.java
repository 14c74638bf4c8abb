package dev.cyclone.websocket.container.jetty;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

import org.eclipse.jetty.io.AbstractConnection;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.util.Callback;
import org.jspecify.annotations.Nullable;

import dev.cyclone.websocket.container.UpgradedConnection;
import dev.cyclone.websocket.container.UpgradedConnectionListener;

/**
 * A legacy connection as a Jetty connection of its own on the request's endpoint: reads
 * when Jetty says the endpoint is readable, writes with the endpoint's asynchronous
 * write, closes the endpoint (and so the socket) from any thread. Jetty's idle timeout is
 * off: the starter's own timeouts decide.
 */
final class JettyUpgradedConnection extends AbstractConnection implements UpgradedConnection, Connection.UpgradeTo {

	private static final int READ_BUFFER_SIZE = 8192;

	/**
	 * Reads go through a buffer per Jetty thread: the listener consumes them before
	 * {@link #onFillable} returns.
	 */
	private static final ThreadLocal<ByteBuffer> readBuffers = ThreadLocal
		.withInitial(() -> BufferUtil.allocate(READ_BUFFER_SIZE));

	private final UpgradedConnectionListener listener;

	/** The request's body, then what Jetty read past it: delivered first. */
	private byte @Nullable [] leftover;

	JettyUpgradedConnection(EndPoint endPoint, Executor executor, UpgradedConnectionListener listener,
			byte @Nullable [] body) {
		super(endPoint, executor);
		this.listener = listener;
		this.leftover = body;
	}

	@Override
	public void onUpgradeTo(ByteBuffer buffer) {
		if (buffer.hasRemaining()) {
			byte[] body = (this.leftover != null) ? this.leftover : new byte[0];
			this.leftover = new byte[body.length + buffer.remaining()];
			System.arraycopy(body, 0, this.leftover, 0, body.length);
			buffer.get(this.leftover, body.length, buffer.remaining());
		}
	}

	@Override
	public void onOpen() {
		super.onOpen();
		getEndPoint().setIdleTimeout(0);
		this.listener.opened(this);
		byte[] first = this.leftover;
		this.leftover = null;
		if (first != null) {
			this.listener.received(first, 0, first.length);
		}
		if (getEndPoint().isOpen()) {
			fillInterested();
		}
	}

	@Override
	public void onFillable() {
		ByteBuffer buffer = readBuffers.get();
		try {
			while (true) {
				BufferUtil.clear(buffer);
				int filled = getEndPoint().fill(buffer);
				if (filled < 0) {
					this.listener.ended(null);
					close();
					return;
				}
				if (filled == 0) {
					if (getEndPoint().isOpen()) {
						fillInterested();
					}
					return;
				}
				this.listener.received(buffer.array(), buffer.arrayOffset() + buffer.position(), filled);
			}
		}
		catch (IOException ex) {
			this.listener.ended(ex);
			close();
		}
	}

	@Override
	public void onFillInterestedFailed(Throwable cause) {
		this.listener.ended(cause);
		close();
	}

	/** Never expire: the starter's handshake, idle and close timeouts decide. */
	@Override
	public boolean onIdleExpired(TimeoutException timeout) {
		return false;
	}

	@Override
	public void onClose(@Nullable Throwable cause) {
		super.onClose(cause);
		this.listener.ended(cause);
	}

	@Override
	public void write(ByteBuffer[] data, Consumer<@Nullable Throwable> completion) {
		getEndPoint().write(Callback.from(() -> completion.accept(null), completion::accept), data);
	}

}
