package dev.cyclone.websocket.hixie76;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Builds Hixie-76 client byte streams and random text for the tests. */
final class TestFrames {

	private TestFrames() {
	}

	/** A type 0x00 text frame holding the UTF-8 bytes of {@code text}. */
	static byte[] message(String text) {
		return text(0x00, text.getBytes(StandardCharsets.UTF_8));
	}

	/** A text frame of the given type (high bit clear): type, payload, 0xFF. */
	static byte[] text(int type, byte[] payload) {
		return concat(new byte[] { (byte) type }, payload, new byte[] { (byte) 0xFF });
	}

	/**
	 * A length-prefixed frame (type with the high bit set) with a base-128 length and a
	 * payload that contains 0xFF and 0x00 bytes, so that a decoder reading it as text
	 * would go wrong.
	 */
	static byte[] lengthPrefixed(int type, int length) {
		byte[] payload = new byte[length];
		for (int i = 0; i < length; i++) {
			payload[i] = (byte) (i % 3 == 0 ? 0xFF : i % 3 == 1 ? 0x00 : i);
		}
		return concat(new byte[] { (byte) type }, base128(length), payload);
	}

	/** The minimal base-128 encoding of {@code value}, most significant group first. */
	static byte[] base128(long value) {
		int groups = 1;
		while (groups < 10 && value >>> (7 * groups) != 0) {
			groups++;
		}
		byte[] encoded = new byte[groups];
		for (int i = 0; i < groups; i++) {
			int shift = 7 * (groups - 1 - i);
			encoded[i] = (byte) ((value >>> shift) & 0x7F | (i < groups - 1 ? 0x80 : 0));
		}
		return encoded;
	}

	/** The closing handshake, 0xFF 0x00. */
	static byte[] close() {
		return new byte[] { (byte) 0xFF, 0x00 };
	}

	static byte[] concat(byte[]... parts) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		for (byte[] part : parts) {
			out.writeBytes(part);
		}
		return out.toByteArray();
	}

	/** Feeds {@code data} in chunks of random size from 1 to {@code maxChunk} bytes. */
	static List<String> feedInRandomChunks(Hixie76FrameDecoder decoder, byte[] data, Random random, int maxChunk) {
		List<String> messages = new ArrayList<>();
		int pos = 0;
		while (pos < data.length) {
			int chunk = Math.min(data.length - pos, 1 + random.nextInt(maxChunk));
			messages.addAll(decoder.feed(data, pos, chunk));
			pos += chunk;
		}
		return messages;
	}

	/**
	 * Decodes {@code data} with {@link Hixie76FrameDecoder#decode} in chunks of random
	 * size from 1 to {@code maxChunk} bytes.
	 */
	static List<String> decodeInRandomChunks(Hixie76FrameDecoder decoder, byte[] data, Random random, int maxChunk) {
		List<String> messages = new ArrayList<>();
		int pos = 0;
		while (pos < data.length) {
			int chunk = Math.min(data.length - pos, 1 + random.nextInt(maxChunk));
			decoder.decode(data, pos, chunk, messages::add);
			pos += chunk;
		}
		return messages;
	}

	/**
	 * A random string of up to 30 code points mixing ASCII, two-, three- and four-byte
	 * UTF-8 characters; never contains unpaired surrogates.
	 */
	static String randomString(Random random) {
		StringBuilder text = new StringBuilder();
		int length = random.nextInt(31);
		for (int i = 0; i < length; i++) {
			int codePoint = switch (random.nextInt(5)) {
				case 0 -> random.nextInt(0x80);
				case 1 -> 0x80 + random.nextInt(0x800 - 0x80);
				case 2 -> 0x800 + random.nextInt(0xD800 - 0x800);
				case 3 -> 0xE000 + random.nextInt(0x10000 - 0xE000);
				default -> 0x10000 + random.nextInt(0x110000 - 0x10000);
			};
			text.appendCodePoint(codePoint);
		}
		return text.toString();
	}

}
