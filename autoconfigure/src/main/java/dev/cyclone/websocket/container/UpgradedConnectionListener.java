package dev.cyclone.websocket.container;

import org.jspecify.annotations.Nullable;

/**
 * Receives the events of an {@link UpgradedConnection}, one at a time, on container
 * threads.
 */
public interface UpgradedConnectionListener {

	/**
	 * The connection is handed over; bytes follow. Called first, once.
	 * @param connection the connection
	 */
	void opened(UpgradedConnection connection);

	/**
	 * Bytes arrived, the ones the container read past the request head first. The array
	 * is reused once this returns.
	 * @param data holds the bytes
	 * @param offset where they start
	 * @param length how many
	 */
	void received(byte[] data, int offset, int length);

	/**
	 * The connection ended without {@link UpgradedConnection#close()}: the peer closed
	 * it, it failed, or the container discarded it. Also called, harmlessly, when a close
	 * raced with such an end.
	 * @param failure why, or {@code null} for an orderly end of input
	 */
	void ended(@Nullable Throwable failure);

}
