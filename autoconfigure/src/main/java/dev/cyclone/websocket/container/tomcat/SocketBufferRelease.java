package dev.cyclone.websocket.container.tomcat;

import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.apache.tomcat.util.net.NioChannel;
import org.apache.tomcat.util.net.SocketBufferHandler;
import org.apache.tomcat.util.net.SocketWrapperBase;
import org.jspecify.annotations.Nullable;

/**
 * Takes the connector's socket buffers (a read and a write buffer of 8 KiB each by
 * default, four fifths of what an idle legacy connection holds) away from an upgraded
 * legacy connection. The connection needs neither: it reads from the channel into a
 * buffer of the reading thread and writes only through Tomcat's vectored writes
 * ({@link SocketWrites}), which go straight to the channel (a blocking or flushing write
 * through the wrapper would need the write buffer). The channel and its socket wrapper
 * get {@link EmptySocketBuffers} instead, which grow back when Tomcat resets them: when
 * it closes the connection, before it keeps the channel for reuse, and when it hands the
 * channel to its next connection; so a legacy connection costs one allocation of the
 * buffers when it closes, in exchange for not holding them while it lives. Done only on a
 * plain connection of the NIO connector with heap buffers, and only when Tomcat has no
 * data waiting to be written; a TLS channel reads and writes through its buffers. The
 * buffers are held in a protected field of the wrapper and a protected final field of the
 * channel, set here by reflection; when a Tomcat release renames them, or the JVM refuses
 * to set a final field, which is logged once, connections keep their buffers.
 */
final class SocketBufferRelease {

	private static final Log logger = LogFactory.getLog(SocketBufferRelease.class);

	private static final String WITHOUT = "Legacy connections on Tomcat keep the connector's socket buffers";

	private static final @Nullable Field wrapperBuffers = PrivateFields.find(SocketWrapperBase.class,
			"socketBufferHandler", WITHOUT);

	private static final @Nullable Field channelBuffers = PrivateFields.find(NioChannel.class, "bufHandler", WITHOUT);

	private static volatile boolean refusalLogged;

	private SocketBufferRelease() {
	}

	/**
	 * Take the socket buffers of a connection away, with what Tomcat read ahead of the
	 * connection into them. From then on the connection reads from the wrapper's channel
	 * ({@code wrapper.getSocket()}, looked up for every read: Tomcat replaces it when it
	 * closes the connection).
	 * @param wrapper the connection's socket wrapper, during a dispatch (no read or write
	 * in progress)
	 * @return whether they were released, and the bytes Tomcat had read ahead;
	 * {@code null} when the connection keeps its buffers and reads through the wrapper
	 */
	static @Nullable Released release(SocketWrapperBase<?> wrapper) {
		SocketBufferHandler buffers = wrapper.getSocketBufferHandler();
		if (wrapperBuffers == null || channelBuffers == null || buffers == null
				|| (buffers.getClass() != SocketBufferHandler.class && buffers.getClass() != EmptySocketBuffers.class)
				|| buffers.getReadBuffer().isDirect() || wrapper.hasDataToWrite()
				|| !(wrapper.getSocket() instanceof NioChannel channel) || channel.getClass() != NioChannel.class
				|| channel.getBufHandler() != buffers) {
			return null;
		}
		byte[] readAhead = null;
		if (!buffers.isReadBufferEmpty()) {
			buffers.configureReadBufferForRead();
			ByteBuffer read = buffers.getReadBuffer();
			readAhead = new byte[read.remaining()];
			read.get(readAhead);
		}
		EmptySocketBuffers empty = new EmptySocketBuffers(
				Math.max(buffers.getReadBuffer().capacity(), buffers.getWriteBuffer().capacity()));
		try {
			channelBuffers.set(channel, empty);
			wrapperBuffers.set(wrapper, empty);
		}
		catch (IllegalAccessException | RuntimeException ex) {
			if (!refusalLogged) {
				refusalLogged = true;
				logger.warn(WITHOUT + ": the JVM refused to set " + channelBuffers + " (" + ex + ")");
			}
			return new Released(false, readAhead);
		}
		return new Released(true, readAhead);
	}

	/**
	 * Read once the buffers are gone: straight from the channel.
	 * @param wrapper the socket wrapper
	 * @param buffer where the bytes go
	 * @return the bytes read, 0 when there were none, -1 at the end of the stream
	 * @throws IOException when the read failed, or Tomcat closed the connection
	 */
	static int read(SocketWrapperBase<?> wrapper, ByteBuffer buffer) throws IOException {
		if (wrapper.isClosed() || !(wrapper.getSocket() instanceof NioChannel channel)) {
			throw new ClosedChannelException();
		}
		return channel.read(buffer);
	}

	/**
	 * What became of a connection's socket buffers.
	 *
	 * @param released whether they are gone: reads go to {@link #read} (they can only
	 * fail to go after the read-ahead was taken out)
	 * @param readAhead what Tomcat had read ahead of the connection, to be handled first,
	 * or {@code null}
	 */
	record Released(boolean released, byte @Nullable [] readAhead) {

	}

	/**
	 * Socket buffers of no capacity while a legacy connection has the channel, grown back
	 * when Tomcat resets them (when it closes the connection, and before it hands the
	 * channel to another) to the larger of the connector's read and write sizes, both of
	 * them: {@link SocketBufferHandler#expand} takes one size.
	 */
	static final class EmptySocketBuffers extends SocketBufferHandler {

		private final int connectorSize;

		EmptySocketBuffers(int connectorSize) {
			super(0, 0, false);
			this.connectorSize = connectorSize;
		}

		@Override
		public void reset() {
			expand(this.connectorSize);
			super.reset();
		}

	}

}
