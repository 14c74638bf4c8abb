package dev.cyclone.websocket.benchmarks;

import java.util.Arrays;
import java.util.Random;

/**
 * Shape of the text messages a benchmark works on: payload size in UTF-8 bytes and
 * character mix. The {@link #label() labels} are the values of the benchmarks'
 * {@code @Param}s.
 */
public enum InputShape {

	/** 16-byte printable ASCII messages. */
	SMALL_16B("small-16B", 16, false),
	/** 1 KiB printable ASCII messages. */
	ASCII_1KIB("ascii-1KiB", 1024, false),
	/**
	 * 1 KiB messages of 2-byte (Cyrillic) and 3-byte (CJK) characters, mixed at random.
	 */
	UTF8_1KIB("utf8-1KiB", 1024, true),
	/** 64 KiB printable ASCII messages. */
	ASCII_64KIB("ascii-64KiB", 65536, false);

	private static final long SAMPLE_SEED = 76;

	private final String label;

	private final int payloadBytes;

	private final boolean multiByte;

	InputShape(String label, int payloadBytes, boolean multiByte) {
		this.label = label;
		this.payloadBytes = payloadBytes;
		this.multiByte = multiByte;
	}

	/**
	 * Returns the shape with the given label.
	 * @param label a {@link #label()} value such as {@code "small-16B"}
	 * @return the shape
	 * @throws IllegalArgumentException if no shape has that label
	 */
	public static InputShape of(String label) {
		return Arrays.stream(values())
			.filter(shape -> shape.label.equals(label))
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException("unknown input shape: " + label));
	}

	/**
	 * Returns the name used in {@code @Param} values and in the report.
	 * @return the label, such as {@code "ascii-1KiB"}
	 */
	public String label() {
		return this.label;
	}

	/**
	 * Returns the UTF-8 length of every message of this shape.
	 * @return the payload size in bytes
	 */
	public int payloadBytes() {
		return this.payloadBytes;
	}

	/**
	 * Returns the same message of this shape in every JVM: the one the encoder benchmark
	 * sends.
	 * @return a message of exactly {@link #payloadBytes()} UTF-8 bytes
	 */
	public String sample() {
		return message(new Random(SAMPLE_SEED));
	}

	/**
	 * Generates one message of exactly {@link #payloadBytes()} UTF-8 bytes.
	 * @param random the source of the characters
	 * @return the message
	 */
	public String message(Random random) {
		StringBuilder text = new StringBuilder(this.payloadBytes);
		int remaining = this.payloadBytes;
		while (remaining > 0) {
			if (!this.multiByte) {
				text.append((char) (0x20 + random.nextInt(0x7F - 0x20)));
				remaining--;
			}
			else if (remaining == 3 || (remaining > 4 && random.nextBoolean())) {
				text.append((char) (0x4E00 + random.nextInt(0x5000)));
				remaining -= 3;
			}
			else {
				text.append((char) (0x0400 + random.nextInt(0x100)));
				remaining -= 2;
			}
		}
		return text.toString();
	}

}
