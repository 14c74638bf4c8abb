package dev.cyclone.websocket.container.tomcat;

import java.nio.ByteBuffer;
import java.nio.channels.CompletionHandler;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.apache.tomcat.util.net.SocketWrapperBase;
import org.jspecify.annotations.Nullable;

/**
 * Writes to a Tomcat socket without blocking: the whole data, then the completion, called
 * on the writing thread when the socket took everything at once (no thread hand-off) and
 * otherwise on a container thread when it has. A write that finds another one in progress
 * fails with a {@link java.nio.channels.WritePendingException}; one that takes longer
 * than its time limit fails with a {@link java.net.SocketTimeoutException}.
 */
final class SocketWrites {

	private SocketWrites() {
	}

	/**
	 * Start writing.
	 * @param socket the socket
	 * @param data what to write, whole
	 * @param timeoutMillis the longest the write may take, or -1 for the socket's own
	 * write timeout
	 * @param completion called once with {@code null} or the failure
	 */
	static void write(SocketWrapperBase<?> socket, ByteBuffer[] data, long timeoutMillis,
			Consumer<@Nullable Throwable> completion) {
		socket.write(SocketWrapperBase.BlockingMode.CLASSIC, timeoutMillis, TimeUnit.MILLISECONDS, null,
				SocketWrapperBase.COMPLETE_WRITE_WITH_COMPLETION, new CompletionHandler<Long, Void>() {

					@Override
					public void completed(Long written, Void attachment) {
						completion.accept(null);
					}

					@Override
					public void failed(Throwable failure, Void attachment) {
						completion.accept(failure);
					}

				}, data);
	}

}
