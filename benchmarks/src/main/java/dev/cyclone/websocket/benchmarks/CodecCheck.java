package dev.cyclone.websocket.benchmarks;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.netty.buffer.ByteBufUtil;

import dev.cyclone.websocket.hixie76.Hixie76FrameEncoder;

/**
 * Checks that each codec produces the expected output on the benchmark inputs, so that no
 * speed is reported for wrong work. A wrong codec is reported, not thrown: Netty's V00
 * decoder is known to corrupt frames split across buffers, and its speed is still worth
 * comparing with the limit.
 *
 * <p>
 * Run {@link #main(String[])} for a quick check of every case without measuring anything.
 */
public final class CodecCheck {

	private CodecCheck() {
	}

	/**
	 * Prints the verdict for every decoder on every input and delivery, then for both
	 * encoders on every message the encoder benchmark sends.
	 * @param args ignored
	 */
	public static void main(String[] args) {
		for (InputShape shape : InputShape.values()) {
			for (Delivery delivery : Delivery.values()) {
				DecoderInput input = DecoderInput.create(shape, delivery);
				for (Decoder decoder : Decoder.values()) {
					print("decode", shape.label() + " " + delivery.label(), decoder.label(), decode(decoder, input));
				}
			}
		}
		for (String label : Hixie76EncoderBenchmark.MESSAGES) {
			String message = InputShape.of(label).sample();
			print("encode", label, "cyclone", Verdict.of(cycloneEncodesCorrectly(message)));
			print("encode", label, "netty", Verdict.of(nettyEncodesCorrectly(message)));
		}
	}

	/**
	 * Decodes the input once and compares the messages with the expected ones.
	 * @param decoder the decoder to check
	 * @param input the frames and their delivery
	 * @return whether the decoder produced exactly the input's messages, in order, and if
	 * not how it went wrong
	 */
	public static Verdict decode(Decoder decoder, DecoderInput input) {
		List<String> expected = input.messages();
		List<String> output = new ArrayList<>(expected.size());
		try {
			decoder.decode(input, output::add);
		}
		catch (RuntimeException ex) {
			return new Verdict(false, "FAILED after " + output.size() + " of " + expected.size() + " messages: " + ex);
		}
		if (output.equals(expected)) {
			return Verdict.CORRECT;
		}
		int firstDifference = 0;
		while (firstDifference < Math.min(output.size(), expected.size())
				&& output.get(firstDifference).equals(expected.get(firstDifference))) {
			firstDifference++;
		}
		return new Verdict(false, "WRONG OUTPUT: " + output.size() + " messages instead of " + expected.size()
				+ ", first difference at message " + firstDifference);
	}

	/**
	 * Tells whether {@link Hixie76FrameEncoder#encodeText(String)} produces the expected
	 * frame.
	 * @param message the text to encode
	 * @return whether the frame is {@code 0x00}, the UTF-8 bytes of the message,
	 * {@code 0xFF}
	 */
	public static boolean cycloneEncodesCorrectly(String message) {
		return Arrays.equals(Hixie76FrameEncoder.encodeText(message), expectedFrame(message));
	}

	/**
	 * Tells whether Netty's encoder, driven as {@link NettyTextEncoder} does, writes the
	 * expected frame.
	 * @param message the text to encode
	 * @return whether the bytes written are {@code 0x00}, the UTF-8 bytes of the message,
	 * {@code 0xFF}
	 */
	public static boolean nettyEncodesCorrectly(String message) {
		ByteArrayOutputStream written = new ByteArrayOutputStream();
		try (NettyTextEncoder encoder = new NettyTextEncoder()) {
			encoder.encode(message, buffer -> written.writeBytes(ByteBufUtil.getBytes(buffer)));
		}
		return Arrays.equals(written.toByteArray(), expectedFrame(message));
	}

	private static byte[] expectedFrame(String message) {
		ByteArrayOutputStream frame = new ByteArrayOutputStream();
		frame.write(0x00);
		frame.writeBytes(message.getBytes(StandardCharsets.UTF_8));
		frame.write(0xFF);
		return frame.toByteArray();
	}

	private static void print(String operation, String testCase, String codec, Verdict verdict) {
		System.out.printf("%-6s %-25s %-11s %s%n", operation, testCase, codec, verdict.description());
	}

	/**
	 * Outcome of one check.
	 *
	 * @param correct whether the output was exactly the expected one
	 * @param description {@code "OK"}, or what went wrong, starting with
	 * {@code "WRONG OUTPUT"} or {@code "FAILED"}
	 */
	public record Verdict(boolean correct, String description) {

		static final Verdict CORRECT = new Verdict(true, "OK");

		static Verdict of(boolean correct) {
			return correct ? CORRECT : new Verdict(false, "WRONG OUTPUT");
		}
	}

}
