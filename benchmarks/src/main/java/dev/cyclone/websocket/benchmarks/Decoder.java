package dev.cyclone.websocket.benchmarks;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.Consumer;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocket00FrameDecoder;
import io.netty.util.ReferenceCountUtil;

import dev.cyclone.websocket.hixie76.Hixie76FrameDecoder;

/**
 * The decoders compared by {@link Hixie76DecoderBenchmark}. Each turns a
 * {@link DecoderInput} into the {@code String} of every text message, starting from a
 * fresh state, so the benchmark and {@link CodecCheck} exercise exactly the same code.
 */
public enum Decoder {

	/**
	 * Our {@link Hixie76FrameDecoder}, given each piece of the input and the sink: the
	 * {@code decode} API the servlet transport uses, which hands every message straight
	 * on.
	 */
	CYCLONE("cyclone") {
		@Override
		public void decode(DecoderInput input, Consumer<String> sink) {
			Hixie76FrameDecoder decoder = new Hixie76FrameDecoder(MAX_FRAME_SIZE);
			for (byte[] piece : input.pieces()) {
				decoder.decode(piece, 0, piece.length, sink);
			}
		}
	},

	/**
	 * Our {@link Hixie76FrameDecoder} through its {@code feed} API: each piece returns a
	 * list of the messages it completed, which is then handed to the sink.
	 */
	CYCLONE_FEED("cycloneFeed") {
		@Override
		public void decode(DecoderInput input, Consumer<String> sink) {
			Hixie76FrameDecoder decoder = new Hixie76FrameDecoder(MAX_FRAME_SIZE);
			for (byte[] piece : input.pieces()) {
				for (String message : decoder.feed(piece)) {
					sink.accept(message);
				}
			}
		}
	},

	/**
	 * Netty's {@link WebSocket00FrameDecoder} in an {@link EmbeddedChannel}, fed each
	 * piece of the input as a wrapped buffer; every frame is read, its text materialised,
	 * and released.
	 */
	NETTY("netty") {
		@Override
		public void decode(DecoderInput input, Consumer<String> sink) {
			EmbeddedChannel channel = new EmbeddedChannel(new WebSocket00FrameDecoder(MAX_FRAME_SIZE));
			try {
				for (byte[] piece : input.pieces()) {
					channel.writeInbound(Unpooled.wrappedBuffer(piece));
					for (Object frame; (frame = channel.readInbound()) != null;) {
						try {
							if (frame instanceof TextWebSocketFrame text) {
								sink.accept(text.text());
							}
						}
						finally {
							ReferenceCountUtil.release(frame);
						}
					}
				}
			}
			finally {
				channel.finishAndReleaseAll();
			}
		}
	},

	/**
	 * The limit for a decoder that hands {@code String}s to handlers: one loop over the
	 * whole stream (whatever the delivery) that finds each {@code 0xFF} and decodes the
	 * UTF-8 before it. It assumes well-formed {@code 0x00}-typed text frames and checks
	 * nothing.
	 */
	LIMIT("limit") {
		@Override
		public void decode(DecoderInput input, Consumer<String> sink) {
			byte[] stream = input.stream();
			int start = 1; // after the type byte of the first frame
			while (start < stream.length) {
				int end = indexOfFrameEnd(stream, start);
				sink.accept(new String(stream, start, end - start, StandardCharsets.UTF_8));
				start = end + 2; // past the 0xFF and the next type byte
			}
		}

		/** A counted loop, which the JIT unrolls; the stream always ends with 0xFF. */
		private int indexOfFrameEnd(byte[] stream, int from) {
			for (int i = from; i < stream.length; i++) {
				if (stream[i] == (byte) 0xFF) {
					return i;
				}
			}
			throw new IllegalArgumentException("unterminated frame");
		}
	};

	/**
	 * Frame size limit given to the decoders that have one: the largest payload of any
	 * input.
	 */
	static final int MAX_FRAME_SIZE = 65536;

	private final String label;

	Decoder(String label) {
		this.label = label;
	}

	/**
	 * Returns the decoder with the given label.
	 * @param label a {@link #label()} value such as {@code "cyclone"}
	 * @return the decoder
	 * @throws IllegalArgumentException if no decoder has that label
	 */
	public static Decoder of(String label) {
		return Arrays.stream(values())
			.filter(decoder -> decoder.label.equals(label))
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException("unknown decoder: " + label));
	}

	/**
	 * Returns the name of the benchmark method that measures this decoder, also used in
	 * reports.
	 * @return {@code "cyclone"}, {@code "cycloneFeed"}, {@code "netty"} or
	 * {@code "limit"}
	 */
	public String label() {
		return this.label;
	}

	/**
	 * Decodes every frame of the input, from a fresh decoder state.
	 * @param input the frames and how they are delivered
	 * @param sink receives every decoded text message, in order
	 */
	public abstract void decode(DecoderInput input, Consumer<String> sink);

}
