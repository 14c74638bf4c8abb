package dev.cyclone.websocket.benchmarks;

import java.util.Arrays;

/**
 * How the encoded frames reach a decoder: in one buffer, or cut into TCP-segment-sized
 * pieces regardless of frame boundaries. The {@link #label() labels} are the values of
 * the decoder benchmark's {@code @Param}.
 */
public enum Delivery {

	/** The whole stream in one buffer. */
	WHOLE("whole", Integer.MAX_VALUE),
	/**
	 * The stream cut into pieces of 1,460 bytes (a typical TCP payload over Ethernet).
	 */
	CHUNKED_1460("chunked-1460", 1460);

	private final String label;

	private final int pieceSize;

	Delivery(String label, int pieceSize) {
		this.label = label;
		this.pieceSize = pieceSize;
	}

	/**
	 * Returns the delivery with the given label.
	 * @param label a {@link #label()} value such as {@code "whole"}
	 * @return the delivery
	 * @throws IllegalArgumentException if no delivery has that label
	 */
	public static Delivery of(String label) {
		return Arrays.stream(values())
			.filter(delivery -> delivery.label.equals(label))
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException("unknown delivery: " + label));
	}

	/**
	 * Returns the name used in {@code @Param} values and in the report.
	 * @return the label, such as {@code "chunked-1460"}
	 */
	public String label() {
		return this.label;
	}

	/**
	 * Cuts a stream into the pieces a decoder receives.
	 * @param stream the encoded frames
	 * @return the stream itself as the only piece, or copies of consecutive ranges of it
	 */
	public byte[][] cut(byte[] stream) {
		if (stream.length <= this.pieceSize) {
			return new byte[][] { stream };
		}
		byte[][] pieces = new byte[(stream.length + this.pieceSize - 1) / this.pieceSize][];
		for (int i = 0; i < pieces.length; i++) {
			int from = i * this.pieceSize;
			pieces[i] = Arrays.copyOfRange(stream, from, Math.min(stream.length, from + this.pieceSize));
		}
		return pieces;
	}

}
