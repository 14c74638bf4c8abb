package dev.cyclone.websocket.hixie76;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.LongStream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.cyclone.websocket.FrameDecodeError;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class Hixie76FrameDecoderGeneratedTest {

	private static final byte[] INTERESTING_BYTES = { 0x00, 0x01, 0x7F, (byte) 0x80, (byte) 0x81, (byte) 0xFF };

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
			data[i] = random.nextBoolean() ? INTERESTING_BYTES[random.nextInt(INTERESTING_BYTES.length)]
					: (byte) random.nextInt(256);
		}

		int pos = 0;
		while (pos < data.length) {
			int chunk = Math.min(data.length - pos, 1 + random.nextInt(100));
			try {
				decoder.feed(data, pos, chunk);
			}
			catch (FrameDecodeError expected) {
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

	@ParameterizedTest
	@MethodSource("seeds")
	void randomBinaryTextFramesDecodeAsTheyWouldInOneCallWhateverTheChunks(long seed) {
		Random random = new Random(seed);
		List<String> expected = new ArrayList<>();
		ByteArrayOutputStream stream = new ByteArrayOutputStream();
		int maxFrameSize = 1 + random.nextInt(100);
		int frames = random.nextInt(40);
		for (int i = 0; i < frames; i++) {
			byte[] payload = new byte[random.nextInt(maxFrameSize + 1)];
			for (int j = 0; j < payload.length; j++) {
				// any byte but 0xFF, with the bytes closest to it often
				payload[j] = (byte) (random.nextBoolean() ? 0xF0 + random.nextInt(15) : random.nextInt(255));
			}
			int type = random.nextInt(4) == 0 ? 1 + random.nextInt(0x7F) : 0;
			if (type == 0) {
				expected.add(new String(payload, StandardCharsets.UTF_8));
			}
			stream.writeBytes(TestFrames.text(type, payload));
		}
		byte[] data = stream.toByteArray();

		assertThat(TestFrames.decodeInRandomChunks(new Hixie76FrameDecoder(maxFrameSize), data, random, 80))
			.isEqualTo(expected);
		assertThat(new Hixie76FrameDecoder(maxFrameSize).feed(data)).isEqualTo(expected);
	}

	@ParameterizedTest
	@MethodSource("seeds")
	void randomValidFrameStreamsDecodeTheSameThroughFeedAndDecode(long seed) {
		Random random = new Random(seed);
		ByteArrayOutputStream stream = new ByteArrayOutputStream();
		int frames = random.nextInt(30);
		for (int i = 0; i < frames; i++) {
			stream.writeBytes(switch (random.nextInt(4)) {
				case 0 -> TestFrames.text(1 + random.nextInt(0x7F),
						TestFrames.randomString(random).getBytes(StandardCharsets.UTF_8));
				case 1 -> TestFrames.lengthPrefixed(0x80 + random.nextInt(0x7F), random.nextInt(300));
				default -> TestFrames.message(TestFrames.randomString(random));
			});
		}
		byte[] data = stream.toByteArray();
		int maxFrameSize = 1 + random.nextInt(300);
		Hixie76FrameDecoder fed = new Hixie76FrameDecoder(maxFrameSize);
		Hixie76FrameDecoder decoded = new Hixie76FrameDecoder(maxFrameSize);
		List<String> fedMessages = new ArrayList<>();
		List<String> decodedMessages = new ArrayList<>();

		int pos = 0;
		while (pos < data.length) {
			int at = pos;
			int chunk = Math.min(data.length - pos, 1 + random.nextInt(64));
			List<String> before = List.copyOf(decodedMessages);
			try {
				fedMessages.addAll(fed.feed(data, pos, chunk));
			}
			catch (FrameDecodeError feedError) {
				// the same error from decode, which has handed over the messages before
				// the bad frame
				assertThatThrownBy(() -> decoded.decode(data, at, chunk, decodedMessages::add))
					.isInstanceOf(FrameDecodeError.class)
					.hasMessage(feedError.getMessage());
				assertThat(decodedMessages.subList(0, before.size())).isEqualTo(before);
				assertThat(fedMessages).isEqualTo(before);
				return;
			}
			decoded.decode(data, pos, chunk, decodedMessages::add);
			assertThat(decodedMessages).isEqualTo(fedMessages);
			assertThat(decoded.bufferCapacity()).isLessThanOrEqualTo(maxFrameSize);
			pos += chunk;
		}
	}

}
