package dev.cyclone.websocket.benchmarks;

import java.util.function.Consumer;

import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocket00FrameEncoder;

/**
 * Netty's {@link WebSocket00FrameEncoder} in an {@link EmbeddedChannel}: one server
 * connection writing text frames, as {@link Hixie76EncoderBenchmark} measures it. Not
 * thread safe.
 */
public final class NettyTextEncoder implements AutoCloseable {

	private final EmbeddedChannel channel = new EmbeddedChannel(new WebSocket00FrameEncoder());

	/**
	 * Writes one text frame and hands each outbound buffer to {@code sink}, then releases
	 * it.
	 * @param message the text to send
	 * @param sink receives the encoded buffers in order; must not keep them
	 */
	public void encode(String message, Consumer<ByteBuf> sink) {
		this.channel.writeOutbound(new TextWebSocketFrame(message));
		for (ByteBuf buffer; (buffer = this.channel.readOutbound()) != null;) {
			try {
				sink.accept(buffer);
			}
			finally {
				buffer.release();
			}
		}
	}

	/** Closes the channel and releases anything left in it. */
	@Override
	public void close() {
		this.channel.finishAndReleaseAll();
	}

}
