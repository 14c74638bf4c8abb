package dev.cyclone.websocket.hixie76;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cyclone.websocket.FrameDecodeError;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class Hixie76FrameDecoderGeneratedTest {

	private static final byte[] INTERESTING_BYTES = {0x00, 0x01, 0x7F, (byte) 0x80, (byte) 0x81, (byte) 0xFF};

	static LongStream seeds() {
		return LongStream.range(0, 200);
	}

	@ParameterizedTest
	@MethodSource("seeds")
	void randomBytesInRandomChunksFailOnlyWithFrameDecodeErrorAndStayWithinTheLimit(long seed) {
		Random random = new Random(seed);
		int maxFrameSize = 1 + random.nextInt(64);
		Hixie76FrameDecoder decoder = new Hixie76FrameDecoder(maxFrameSize);
		byte[] data = new byte[random.nextInt(4000)];
		for (int i = 0; i < data.length; i++) {
			data[i] = random.nextBoolean()
					? INTERESTING_BYTES[random.nextInt(INTERESTING_BYTES.length)]
					: (byte) random.nextInt(256);
		}

		int pos = 0;
		while (pos < data.length) {
			int chunk = Math.min(data.length - pos, 1 + random.nextInt(100));
			try {
				decoder.feed(data, pos, chunk);
			} catch (FrameDecodeError expected) {
				assertThatThrownBy(() -> decoder.feed(data)).isInstanceOf(IllegalStateException.class);
				return;
			}
			assertThat(decoder.bufferCapacity()).isLessThanOrEqualTo(maxFrameSize);
			pos += chunk;
		}
	}

	@ParameterizedTest
	@MethodSource("seeds")
	void randomValidFrameStreamsInRandomChunksDecodeToTheOriginalMessages(long seed) {
		Random random = new Random(seed);
		List<String> expected = new ArrayList<>();
		ByteArrayOutputStream stream = new ByteArrayOutputStream();
		int largestFrame = 1;
		int frames = random.nextInt(30);
		for (int i = 0; i < frames; i++) {
			byte[] frame;
			int payload;
			switch (random.nextInt(4)) {
				case 0 -> {
					byte[] junk = TestFrames.randomString(random).getBytes(StandardCharsets.UTF_8);
					payload = junk.length;
					frame = TestFrames.text(1 + random.nextInt(0x7F), junk);
				}
				case 1 -> {
					payload = random.nextInt(300);
					frame = TestFrames.lengthPrefixed(0x80 + random.nextInt(0x80), payload);
				}
				default -> {
					String message = TestFrames.randomString(random);
					expected.add(message);
					payload = message.getBytes(StandardCharsets.UTF_8).length;
					frame = TestFrames.message(message);
				}
			}
			largestFrame = Math.max(largestFrame, payload);
			stream.writeBytes(frame);
		}
		boolean closes = random.nextBoolean();
		if (closes) {
			stream.writeBytes(TestFrames.close());
			stream.writeBytes(TestFrames.message("after close"));
		}
		int maxFrameSize = largestFrame + random.nextInt(2);
		Hixie76FrameDecoder decoder = new Hixie76FrameDecoder(maxFrameSize);

		List<String> messages = TestFrames.feedInRandomChunks(decoder, stream.toByteArray(), random, 64);

		assertThat(messages).isEqualTo(expected);
		assertThat(decoder.isClosed()).isEqualTo(closes);
		assertThat(decoder.bufferCapacity()).isLessThanOrEqualTo(maxFrameSize);
	}
}
