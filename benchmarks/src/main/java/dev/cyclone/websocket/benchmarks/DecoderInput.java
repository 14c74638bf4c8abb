package dev.cyclone.websocket.benchmarks;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import dev.cyclone.websocket.hixie76.Hixie76FrameEncoder;

/**
 * About 1 MiB of Hixie-76 text frames of one {@link InputShape}, the messages they carry,
 * and the pieces a decoder is fed under one {@link Delivery}. Generated from a fixed
 * seed: equal arguments give equal bytes in every JVM.
 */
public final class DecoderInput {

	/**
	 * Target size of the encoded stream; the frame count is rounded to the nearest whole
	 * frame.
	 */
	static final int TARGET_STREAM_BYTES = 1 << 20;

	private static final long SEED = 76;

	private final InputShape shape;

	private final List<String> messages;

	private final byte[] stream;

	private final byte[][] pieces;

	private DecoderInput(InputShape shape, List<String> messages, byte[] stream, byte[][] pieces) {
		this.shape = shape;
		this.messages = messages;
		this.stream = stream;
		this.pieces = pieces;
	}

	/**
	 * Generates the input for one benchmark case.
	 * @param shape the message shape
	 * @param delivery how the stream is cut
	 * @return the input
	 */
	public static DecoderInput create(InputShape shape, Delivery delivery) {
		int frameBytes = shape.payloadBytes() + 2;
		int count = Math.max(1, Math.round((float) TARGET_STREAM_BYTES / frameBytes));
		Random random = new Random(SEED);
		List<String> messages = new ArrayList<>(count);
		ByteArrayOutputStream stream = new ByteArrayOutputStream(count * frameBytes);
		for (int i = 0; i < count; i++) {
			String message = shape.message(random);
			messages.add(message);
			stream.writeBytes(Hixie76FrameEncoder.encodeText(message));
		}
		byte[] bytes = stream.toByteArray();
		return new DecoderInput(shape, List.copyOf(messages), bytes, delivery.cut(bytes));
	}

	/**
	 * Returns the shape of the messages.
	 * @return the shape
	 */
	public InputShape shape() {
		return this.shape;
	}

	/**
	 * Returns the messages the stream carries, in order: the output every decoder must
	 * produce.
	 * @return an immutable list
	 */
	public List<String> messages() {
		return this.messages;
	}

	/**
	 * Returns the whole encoded stream. Callers must not modify it.
	 * @return the frames, one after the other
	 */
	public byte[] stream() {
		return this.stream;
	}

	/**
	 * Returns the stream as delivered: the stream itself, or consecutive pieces of it.
	 * Callers must not modify them.
	 * @return the pieces in order
	 */
	public byte[][] pieces() {
		return this.pieces;
	}

}
