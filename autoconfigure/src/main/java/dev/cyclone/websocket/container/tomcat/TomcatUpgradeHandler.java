package dev.cyclone.websocket.container.tomcat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.util.function.Consumer;

import jakarta.servlet.http.WebConnection;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.apache.coyote.http11.upgrade.InternalHttpUpgradeHandler;
import org.apache.tomcat.util.net.AbstractEndpoint.Handler.SocketState;
import org.apache.tomcat.util.net.SSLSupport;
import org.apache.tomcat.util.net.SocketEvent;
import org.apache.tomcat.util.net.SocketWrapperBase;
import org.jspecify.annotations.Nullable;

import dev.cyclone.websocket.container.UpgradedConnection;
import dev.cyclone.websocket.container.UpgradedConnectionListener;

/**
 * A legacy connection on Tomcat's internal upgrade API, as Tomcat's own WebSocket
 * implementation uses it: Tomcat hands over its socket wrapper, dispatches read events
 * here, and the bytes it read past the request head come first. Reads go into a buffer of
 * the reading thread, straight from the channel once the connection has let go of the
 * connector's socket buffers ({@link SocketBufferRelease}); writes use the wrapper's
 * asynchronous API; {@link #close()} closes the socket from any thread, which the servlet
 * upgrade API cannot do (Tomcat closes a servlet-upgraded connection only during a
 * dispatch).
 * <p>
 * Public with a no-argument constructor because Tomcat creates it; the rest is for
 * {@link TomcatContainer}.
 */
public final class TomcatUpgradeHandler implements InternalHttpUpgradeHandler, UpgradedConnection {

	private static final Log logger = LogFactory.getLog(TomcatUpgradeHandler.class);

	private static final int READ_BUFFER_SIZE = 8192;

	/**
	 * Reads go through a buffer per container thread: the listener consumes them before
	 * the dispatch returns.
	 */
	private static final ThreadLocal<ByteBuffer> readBuffers = ThreadLocal
		.withInitial(() -> ByteBuffer.allocate(READ_BUFFER_SIZE));

	private @Nullable UpgradedConnectionListener listener;

	private byte @Nullable [] firstBytes;

	private volatile @Nullable SocketWrapperBase<?> socket;

	/** Guards {@link #dispatching} and {@link #closed}. */
	private final Object lock = new Object();

	private boolean dispatching;

	private boolean closed;

	/**
	 * Whether the connector's socket buffers were released ({@link SocketBufferRelease}):
	 * reads then go straight to the channel, and one that leaves room in the buffer took
	 * all the socket had, so that the next can wait for the poller instead of asking the
	 * socket again. Otherwise (TLS, whose channel may hold records it has read but not
	 * yet decrypted) reads go through the wrapper until it has nothing.
	 */
	private boolean readsFromChannel;

	void prepare(UpgradedConnectionListener listener, byte @Nullable [] firstBytes) {
		this.listener = listener;
		this.firstBytes = firstBytes;
	}

	@Override
	public void setSocketWrapper(SocketWrapperBase<?> wrapper) {
		this.socket = wrapper;
	}

	@Override
	public void setSslSupport(SSLSupport sslSupport) {
	}

	@Override
	public void init(WebConnection connection) {
		SocketWrapperBase<?> wrapper = this.socket;
		if (this.listener == null || wrapper == null || !wrapper.hasAsyncIO()) {
			logger.error("Closing a legacy WebSocket connection that Tomcat's internal upgrade API cannot serve"
					+ ((wrapper != null && !wrapper.hasAsyncIO()) ? ": the connector's useAsyncIO is off" : ""));
			synchronized (this.lock) {
				this.closed = true;
			}
			closeQuietly(connection);
			return;
		}
		SocketBufferRelease.Released released = SocketBufferRelease.release(wrapper);
		this.readsFromChannel = released != null && released.released();
		this.listener.opened(this);
		byte[] first = this.firstBytes;
		this.firstBytes = null;
		deliver(first);
		deliver((released != null) ? released.readAhead() : null);
	}

	private void deliver(byte @Nullable [] bytes) {
		UpgradedConnectionListener listener = this.listener;
		if (bytes != null && listener != null && !isClosed()) {
			listener.received(bytes, 0, bytes.length);
		}
	}

	/**
	 * Read what is available. Returns {@link SocketState#CLOSED} once the connection is
	 * closed, so that Tomcat releases it rather than waiting for more input; a close that
	 * comes while a dispatch runs is left to it.
	 */
	@Override
	public SocketState upgradeDispatch(SocketEvent event) {
		synchronized (this.lock) {
			if (this.closed) {
				return SocketState.CLOSED;
			}
			this.dispatching = true;
		}
		boolean open = false;
		try {
			open = dispatch(event);
		}
		finally {
			synchronized (this.lock) {
				this.dispatching = false;
				open = open && !this.closed;
				this.closed = !open;
			}
		}
		return open ? SocketState.UPGRADED : SocketState.CLOSED;
	}

	/**
	 * @return whether the connection goes on
	 */
	private boolean dispatch(SocketEvent event) {
		UpgradedConnectionListener listener = this.listener;
		SocketWrapperBase<?> wrapper = this.socket;
		if (listener == null || wrapper == null) {
			return false;
		}
		switch (event) {
			case OPEN_READ:
				return read(listener, wrapper);
			case OPEN_WRITE:
			case TIMEOUT:
				return true;
			default:
				listener.ended(wrapper.getError());
				return false;
		}
	}

	private boolean read(UpgradedConnectionListener listener, SocketWrapperBase<?> wrapper) {
		ByteBuffer buffer = readBuffers.get();
		try {
			while (!isClosed()) {
				buffer.clear();
				int read = this.readsFromChannel ? SocketBufferRelease.read(wrapper, buffer)
						: wrapper.read(false, buffer);
				if (read < 0) {
					listener.ended(null);
					return false;
				}
				if (read == 0) {
					return true;
				}
				listener.received(buffer.array(), buffer.arrayOffset(), read);
				if (this.readsFromChannel && read < buffer.capacity()) {
					// one read system call per message rather than two
					break;
				}
			}
			return !isClosed();
		}
		catch (IOException ex) {
			listener.ended(ex);
			return false;
		}
	}

	private boolean isClosed() {
		synchronized (this.lock) {
			return this.closed;
		}
	}

	@Override
	public void write(ByteBuffer[] data, Consumer<@Nullable Throwable> completion) {
		SocketWrapperBase<?> wrapper = this.socket;
		if (wrapper == null || isClosed()) {
			completion.accept(new ClosedChannelException());
			return;
		}
		SocketWrites.write(wrapper, data, -1, completion);
	}

	/**
	 * Close the socket, from any thread, so that Tomcat also lets go of its processor: a
	 * dispatch in progress returns {@link SocketState#CLOSED} and Tomcat closes the
	 * socket as it returns; otherwise a {@code DISCONNECT} event makes Tomcat close it on
	 * a container thread at once, under the socket's lock, so that no dispatch that is
	 * just ending puts the processor back among the waiting ones.
	 */
	@Override
	public void close() {
		synchronized (this.lock) {
			this.closed = true;
			if (this.dispatching) {
				return;
			}
		}
		SocketWrapperBase<?> wrapper = this.socket;
		if (wrapper != null && !wrapper.isClosed()) {
			wrapper.processSocket(SocketEvent.DISCONNECT, true);
		}
	}

	@Override
	public void timeoutAsync(long now) {
	}

	@Override
	public void pause() {
	}

	/**
	 * Tomcat is done with the connection: a close that no event reported is reported now.
	 */
	@Override
	public void destroy() {
		UpgradedConnectionListener listener = this.listener;
		if (listener != null) {
			listener.ended(null);
		}
	}

	@Override
	public String toString() {
		synchronized (this.lock) {
			return "TomcatUpgradeHandler[" + (this.closed ? "closed" : "open")
					+ (this.dispatching ? ", dispatching" : "") + ", listener " + this.listener + "]";
		}
	}

	private static void closeQuietly(WebConnection connection) {
		try {
			connection.close();
		}
		catch (Exception ex) {
			logger.debug("Failed to close an upgraded connection", ex);
		}
	}

}
