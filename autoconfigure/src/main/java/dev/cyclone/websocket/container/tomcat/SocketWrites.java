package dev.cyclone.websocket.container.tomcat;

import java.nio.ByteBuffer;
import java.nio.channels.CompletionHandler;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.apache.tomcat.util.net.SocketWrapperBase;
import org.jspecify.annotations.Nullable;

/**
 * Writes to a Tomcat socket without blocking: the whole data, then the completion, called on the writing thread when
 * the socket took everything at once (no thread hand-off) and otherwise on a container thread when it has. A write
 * that finds another one in progress fails with a {@link java.nio.channels.WritePendingException}. No time limit of
 * its own (the socket's write timeout applies): the outbound path closes a connection whose write takes too long.
 */
final class SocketWrites {

	private SocketWrites() {
	}

	static void write(SocketWrapperBase<?> socket, ByteBuffer[] data, Consumer<@Nullable Throwable> completion) {
		socket.write(SocketWrapperBase.BlockingMode.CLASSIC, -1, TimeUnit.MILLISECONDS, null,
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
