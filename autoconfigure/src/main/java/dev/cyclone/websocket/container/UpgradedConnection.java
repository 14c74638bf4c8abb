package dev.cyclone.websocket.container;

import java.nio.ByteBuffer;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;

/**
 * The TCP connection of an accepted legacy handshake, as the container hands it over once
 * the {@code 101} head is sent: bytes out, and a close that works from any thread. Bytes
 * in go to its {@link UpgradedConnectionListener}. Knows no protocol.
 */
public interface UpgradedConnection {

	/**
	 * Start writing bytes without blocking. At most one write may be in progress: the
	 * next starts after the previous one completed.
	 * @param data the bytes, written in order and whole
	 * @param completion called once, possibly before this method returns, on any thread:
	 * with {@code null} once every byte is handed to the network, or with the failure
	 */
	void write(ByteBuffer[] data, Consumer<@Nullable Throwable> completion);

	/**
	 * Close the TCP connection now, from any thread, whatever a write in progress or the
	 * peer does: the socket and the container's slot for it are freed. Idempotent.
	 */
	void close();

}
