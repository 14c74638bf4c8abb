package dev.cyclone.websocket.hixie76;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.cyclone.websocket.FrameDecodeError;

import static dev.cyclone.websocket.hixie76.TestFrames.base128;
import static dev.cyclone.websocket.hixie76.TestFrames.close;
import static dev.cyclone.websocket.hixie76.TestFrames.concat;
import static dev.cyclone.websocket.hixie76.TestFrames.lengthPrefixed;
import static dev.cyclone.websocket.hixie76.TestFrames.message;
import static dev.cyclone.websocket.hixie76.TestFrames.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class Hixie76FrameDecoderTest {

	private static final int MAX = 16;

	private static final String MULTI_BYTE = "héllo €𝄞";

	/** Several frames of every kind, a close, then a message that must be ignored. */
	private static final byte[] STREAM = concat(message("hello"), message(MULTI_BYTE),
			text(0x01, "junk".getBytes(StandardCharsets.US_ASCII)), lengthPrefixed(0x80, 200), message(""),
			message("after"), close(), message("ignored"));

	private static final List<String> STREAM_MESSAGES = List.of("hello", MULTI_BYTE, "", "after");

	private final Hixie76FrameDecoder decoder = new Hixie76FrameDecoder(1024);

	private static List<String> feedByteByByte(Hixie76FrameDecoder decoder, byte[] data) {
		List<String> messages = new ArrayList<>();
		for (int i = 0; i < data.length; i++) {
			messages.addAll(decoder.feed(data, i, 1));
			assertThat(decoder.bufferCapacity()).isLessThanOrEqualTo(MAX);
		}
		return messages;
	}

	private static byte[] repeat(char c, int count) {
		byte[] bytes = new byte[count];
		Arrays.fill(bytes, (byte) c);
		return bytes;
	}

	@Test
	void decodesSingleFrame() {
		assertThat(this.decoder.feed(message("hello"))).containsExactly("hello");
	}

	@Test
	void decodesSeveralFramesDeliveredInOneBuffer() {
		assertThat(this.decoder.feed(concat(message("one"), message("two"), message("three")))).containsExactly("one",
				"two", "three");
	}

	@Test
	void decodesEmptyMessage() {
		assertThat(this.decoder.feed(new byte[] { 0x00, (byte) 0xFF })).containsExactly("");
	}

	@Test
	void decodesMultiByteUtf8() {
		assertThat(this.decoder.feed(message(MULTI_BYTE))).containsExactly(MULTI_BYTE);
	}

	@Test
	void discardsTextFrameOfNonZeroTypeBetweenMessages() {
		byte[] data = concat(message("a"), text(0x01, "skip me".getBytes(StandardCharsets.US_ASCII)), message("b"));

		assertThat(this.decoder.feed(data)).containsExactly("a", "b");
	}

	@Test
	void skipsLengthPrefixedFrameBetweenMessages() {
		byte[] frame = lengthPrefixed(0x80, 200);
		assertThat(Arrays.copyOf(frame, 3)).containsExactly(0x80, 0x81, 0x48);

		assertThat(this.decoder.feed(concat(message("a"), frame, message("b")))).containsExactly("a", "b");
	}

	@Test
	void skipsLengthPrefixedFrameOfLengthZero() {
		assertThat(this.decoder.feed(concat(message("a"), new byte[] { (byte) 0x80, 0x00 }, message("b"))))
			.containsExactly("a", "b");
		assertThat(this.decoder.isClosed()).isFalse();
	}

	@Test
	void skipsFrameOfTypeFfWithNonZeroLength() {
		assertThat(this.decoder.feed(concat(lengthPrefixed(0xFF, 3), message("b")))).containsExactly("b");
		assertThat(this.decoder.isClosed()).isFalse();
	}

	@Test
	void acceptsNineByteLengthPrefixWithLeadingZeroGroups() {
		byte[] frame = { (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80,
				(byte) 0x80, (byte) 0x80, 0x02, 'x', 'y' };

		assertThat(this.decoder.feed(concat(frame, message("b")))).containsExactly("b");
	}

	@Test
	void closingHandshakeSetsClosedAndLaterBytesAreIgnored() {
		assertThat(this.decoder.feed(message("before"))).containsExactly("before");
		assertThat(this.decoder.isClosed()).isFalse();

		assertThat(this.decoder.feed(concat(message("same call"), close(), message("late"))))
			.containsExactly("same call");
		assertThat(this.decoder.isClosed()).isTrue();
		assertThat(this.decoder.feed(message("later"))).isEmpty();
		assertThat(this.decoder.isClosed()).isTrue();
	}

	@Test
	void returnsEmptyListUntilAFrameIsComplete() {
		byte[] frame = message("split");

		assertThat(this.decoder.feed(frame, 0, 3)).isNotNull().isEmpty();
		assertThat(this.decoder.feed(frame, 3, 0)).isNotNull().isEmpty();
		assertThat(this.decoder.feed(frame, 3, frame.length - 3)).containsExactly("split");
	}

	@Test
	void decodesOnlyTheGivenRangeOfTheArray() {
		byte[] data = concat(message("outside"), message("inside"), new byte[] { 0x00, 'x' });
		int start = message("outside").length;

		assertThat(this.decoder.feed(data, start, message("inside").length)).containsExactly("inside");
	}

	@Test
	void rejectsRangeOutsideTheArray() {
		assertThatThrownBy(() -> this.decoder.feed(new byte[4], 2, 3)).isInstanceOf(IndexOutOfBoundsException.class);
	}

	@ParameterizedTest
	@ValueSource(booleans = { false, true })
	void decodesByteBufferAndConsumesIt(boolean direct) {
		byte[] data = concat(new byte[] { '-' }, message("one"), message("two"));
		ByteBuffer buffer = direct ? ByteBuffer.allocateDirect(data.length) : ByteBuffer.allocate(data.length);
		buffer.put(data).flip().position(1);

		assertThat(this.decoder.feed(buffer)).containsExactly("one", "two");
		assertThat(buffer.hasRemaining()).isFalse();
	}

	@Test
	void decodesHeapByteBufferSlice() {
		ByteBuffer slice = ByteBuffer.wrap(concat(new byte[] { '-', '-' }, message("sliced"))).position(2).slice();

		assertThat(this.decoder.feed(slice)).containsExactly("sliced");
	}

	@ParameterizedTest
	@ValueSource(ints = { 0, -1 })
	void rejectsNonPositiveMaxFrameSize(int maxFrameSize) {
		assertThatThrownBy(() -> new Hixie76FrameDecoder(maxFrameSize)).isInstanceOf(IllegalArgumentException.class);
	}

	@Test
	void everySplitIntoTwoFeedsGivesTheSameMessages() {
		for (int cut = 0; cut <= STREAM.length; cut++) {
			Hixie76FrameDecoder split = new Hixie76FrameDecoder(1024);
			List<String> messages = new ArrayList<>(split.feed(STREAM, 0, cut));
			messages.addAll(split.feed(STREAM, cut, STREAM.length - cut));

			assertThat(messages).as("cut at %d", cut).isEqualTo(STREAM_MESSAGES);
			assertThat(split.isClosed()).as("cut at %d", cut).isTrue();
		}
	}

	@Test
	void singleByteFeedsGiveTheSameMessages() {
		Hixie76FrameDecoder bytewise = new Hixie76FrameDecoder(1024);
		List<String> messages = new ArrayList<>();
		for (int i = 0; i < STREAM.length; i++) {
			messages.addAll(bytewise.feed(STREAM, i, 1));
		}

		assertThat(messages).isEqualTo(STREAM_MESSAGES);
		assertThat(bytewise.isClosed()).isTrue();
	}

	@Test
	void acceptsTextFrameOfExactlyMaxFrameSizeInOneCall() {
		assertThat(new Hixie76FrameDecoder(MAX).feed(text(0x00, repeat('a', MAX)))).containsExactly("a".repeat(MAX));
	}

	@Test
	void acceptsTextFrameOfExactlyMaxFrameSizeByteByByte() {
		Hixie76FrameDecoder limited = new Hixie76FrameDecoder(MAX);

		assertThat(feedByteByByte(limited, text(0x00, repeat('a', MAX)))).containsExactly("a".repeat(MAX));
	}

	@Test
	void rejectsTextFrameOfMaxPlusOneInOneCall() {
		assertThatThrownBy(() -> new Hixie76FrameDecoder(MAX).feed(text(0x00, repeat('a', MAX + 1))))
			.isInstanceOf(FrameDecodeError.class)
			.hasMessage("Hixie-76 text frame exceeds the maximum of 16 bytes");
	}

	@Test
	void rejectsUnterminatedTextFrameOfMaxPlusOneInOneCall() {
		byte[] data = concat(new byte[] { 0x00 }, repeat('a', MAX + 1));

		assertThatThrownBy(() -> new Hixie76FrameDecoder(MAX).feed(data)).isInstanceOf(FrameDecodeError.class);
	}

	@Test
	void rejectsTextFrameOfMaxPlusOneByteByByteBeforeBufferingPastTheLimit() {
		Hixie76FrameDecoder limited = new Hixie76FrameDecoder(MAX);
		assertThat(feedByteByByte(limited, concat(new byte[] { 0x00 }, repeat('a', MAX)))).isEmpty();

		assertThatThrownBy(() -> limited.feed(new byte[] { 'a' })).isInstanceOf(FrameDecodeError.class)
			.hasMessage("Hixie-76 text frame exceeds the maximum of 16 bytes");
	}

	@Test
	void rejectsDiscardedTextFrameOverTheLimitWithoutBufferingIt() {
		Hixie76FrameDecoder limited = new Hixie76FrameDecoder(MAX);
		assertThat(feedByteByByte(limited, concat(new byte[] { 0x01 }, repeat('a', MAX)))).isEmpty();
		assertThat(limited.bufferCapacity()).isZero();

		assertThatThrownBy(() -> limited.feed(new byte[] { 'a' })).isInstanceOf(FrameDecodeError.class);
	}

	@Test
	void skipsLengthPrefixedFrameOfMaxFrameSizeWithoutBufferingIt() {
		Hixie76FrameDecoder limited = new Hixie76FrameDecoder(MAX);

		assertThat(feedByteByByte(limited, lengthPrefixed(0x80, MAX))).isEmpty();
		assertThat(limited.bufferCapacity()).isZero();

		assertThat(limited.feed(message("b"))).containsExactly("b");
	}

	@Test
	void rejectsLengthPrefixedFrameAnnouncingMoreThanTheLimit() {
		byte[] header = concat(new byte[] { (byte) 0x80 }, base128(MAX + 1));

		assertThatThrownBy(() -> new Hixie76FrameDecoder(MAX).feed(header)).isInstanceOf(FrameDecodeError.class)
			.hasMessage("Hixie-76 length-prefixed frame exceeds the maximum of 16 bytes");
	}

	@Test
	void rejectsLengthPrefixLongerThanNineBytes() {
		byte[] header = new byte[12];
		Arrays.fill(header, (byte) 0x80);
		header[11] = 0x01;

		assertThatThrownBy(() -> new Hixie76FrameDecoder(Integer.MAX_VALUE).feed(header))
			.isInstanceOf(FrameDecodeError.class)
			.hasMessage("Hixie-76 frame length prefix is longer than 9 bytes and overflows 64 bits");
	}

	@Test
	void rejectsLengthBeyondLongMaxValue() {
		byte[] header = new byte[11];
		Arrays.fill(header, (byte) 0xFF);
		header[10] = 0x7F;

		assertThatThrownBy(() -> new Hixie76FrameDecoder(Integer.MAX_VALUE).feed(header))
			.isInstanceOf(FrameDecodeError.class);
	}

	@Test
	void isUnusableAfterAFrameDecodeError() {
		Hixie76FrameDecoder limited = new Hixie76FrameDecoder(MAX);
		assertThatThrownBy(() -> limited.feed(text(0x00, repeat('a', MAX + 1)))).isInstanceOf(FrameDecodeError.class);

		assertThatThrownBy(() -> limited.feed(message("ok"))).isInstanceOf(IllegalStateException.class);
		assertThat(limited.bufferCapacity()).isZero();
	}

	@Test
	void decodesInvalidUtf8WithReplacementCharacter() {
		byte[] data = concat(text(0x00, new byte[] { (byte) 0xC3, 0x28 }), text(0x00, new byte[] { (byte) 0x80 }));

		assertThat(this.decoder.feed(data)).containsExactly("\uFFFD(", "\uFFFD");
	}

	@Test
	void decodesInvalidUtf8SpanningFeedsWithReplacementCharacter() {
		byte[] frame = text(0x00, new byte[] { 'a', (byte) 0xC3, 0x28 });

		assertThat(this.decoder.feed(frame, 0, 2)).isEmpty();
		assertThat(this.decoder.feed(frame, 2, frame.length - 2)).containsExactly("a\uFFFD(");
	}

	// decode(byte[], int, int, Consumer): the callback API

	private static List<String> decode(Hixie76FrameDecoder decoder, byte[] data, int offset, int length) {
		List<String> messages = new ArrayList<>();
		decoder.decode(data, offset, length, messages::add);
		return messages;
	}

	@Test
	void decodeHandsEveryMessageToTheSinkInOrder() {
		assertThat(decode(this.decoder, STREAM, 0, STREAM.length)).isEqualTo(STREAM_MESSAGES);
		assertThat(this.decoder.isClosed()).isTrue();
	}

	@Test
	void decodeHandsAMessageOverInTheCallThatEndsItsFrame() {
		byte[] frame = message("split");

		assertThat(decode(this.decoder, frame, 0, 3)).isEmpty();
		assertThat(decode(this.decoder, frame, 3, 0)).isEmpty();
		assertThat(decode(this.decoder, frame, 3, frame.length - 4)).isEmpty();
		assertThat(decode(this.decoder, frame, frame.length - 1, 1)).containsExactly("split");
	}

	@Test
	void decodeGivesTheSameMessagesForEverySplitIntoThreeCalls() {
		for (int first = 0; first <= STREAM.length; first++) {
			for (int second = first; second <= STREAM.length; second++) {
				Hixie76FrameDecoder split = new Hixie76FrameDecoder(1024);
				List<String> messages = new ArrayList<>();
				split.decode(STREAM, 0, first, messages::add);
				split.decode(STREAM, first, second - first, messages::add);
				split.decode(STREAM, second, STREAM.length - second, messages::add);

				assertThat(messages).as("cuts at %d and %d", first, second).isEqualTo(STREAM_MESSAGES);
				assertThat(split.isClosed()).as("cuts at %d and %d", first, second).isTrue();
			}
		}
	}

	@Test
	void decodeAndFeedGiveTheSameMessagesByteByByte() {
		Hixie76FrameDecoder fed = new Hixie76FrameDecoder(1024);
		List<String> fedMessages = new ArrayList<>();
		List<String> decodedMessages = new ArrayList<>();
		for (int i = 0; i < STREAM.length; i++) {
			fedMessages.addAll(fed.feed(STREAM, i, 1));
			this.decoder.decode(STREAM, i, 1, decodedMessages::add);

			assertThat(decodedMessages).as("after byte %d", i).isEqualTo(fedMessages);
		}
		assertThat(decodedMessages).isEqualTo(STREAM_MESSAGES);
	}

	@Test
	void decodeAcceptsTextFrameOfExactlyMaxFrameSizeByteByByteWithinTheLimit() {
		Hixie76FrameDecoder limited = new Hixie76FrameDecoder(MAX);
		byte[] frame = text(0x00, repeat('a', MAX));
		List<String> messages = new ArrayList<>();
		for (int i = 0; i < frame.length; i++) {
			limited.decode(frame, i, 1, messages::add);
			assertThat(limited.bufferCapacity()).isLessThanOrEqualTo(MAX);
		}

		assertThat(messages).containsExactly("a".repeat(MAX));
	}

	@Test
	void decodeHandsOverTheMessagesBeforeAFrameOverTheLimitThenFails() {
		Hixie76FrameDecoder limited = new Hixie76FrameDecoder(MAX);
		byte[] data = concat(message("first"), text(0x00, repeat('a', MAX + 1)), message("never"));
		List<String> messages = new ArrayList<>();

		assertThatThrownBy(() -> limited.decode(data, 0, data.length, messages::add))
			.isInstanceOf(FrameDecodeError.class)
			.hasMessage("Hixie-76 text frame exceeds the maximum of 16 bytes");
		assertThat(messages).containsExactly("first");
		assertThat(limited.bufferCapacity()).isZero();
		assertThatThrownBy(() -> limited.decode(message("ok"), 0, 4, messages::add))
			.isInstanceOf(IllegalStateException.class);
	}

	@Test
	void decodeRejectsTextFrameSpanningCallsOnceItPassesTheLimit() {
		Hixie76FrameDecoder limited = new Hixie76FrameDecoder(MAX);
		byte[] data = concat(new byte[] { 0x00 }, repeat('a', MAX + 1), new byte[] { (byte) 0xFF });
		List<String> messages = new ArrayList<>();
		limited.decode(data, 0, 1 + MAX, messages::add);

		assertThatThrownBy(() -> limited.decode(data, 1 + MAX, 2, messages::add)).isInstanceOf(FrameDecodeError.class);
		assertThat(messages).isEmpty();
	}

	@Test
	void decodeSkipsLengthPrefixedFramesAndStopsAtTheClosingHandshake() {
		byte[] data = concat(lengthPrefixed(0x80, 200), message("a"), close(), message("late"));

		assertThat(decode(this.decoder, data, 0, data.length)).containsExactly("a");
		assertThat(this.decoder.bufferCapacity()).isZero();
		assertThat(this.decoder.isClosed()).isTrue();
		assertThat(decode(this.decoder, message("later"), 0, 7)).isEmpty();
	}

	@Test
	void exceptionFromTheSinkPropagatesAndLeavesTheDecoderUnusable() {
		byte[] data = concat(message("one"), message("two"));
		List<String> seen = new ArrayList<>();
		IllegalArgumentException failure = new IllegalArgumentException("handler failed");

		assertThatThrownBy(() -> this.decoder.decode(data, 0, data.length, message -> {
			seen.add(message);
			throw failure;
		})).isSameAs(failure);
		assertThat(seen).containsExactly("one");
		assertThatThrownBy(() -> this.decoder.feed(message("three"))).isInstanceOf(IllegalStateException.class);
	}

	@Test
	void exceptionFromTheSinkOnAMessageSpanningCallsLeavesTheDecoderUnusable() {
		byte[] frame = message("spanning");
		this.decoder.decode(frame, 0, 4, message -> {
		});

		assertThatThrownBy(() -> this.decoder.decode(frame, 4, frame.length - 4, message -> {
			throw new IllegalStateException("handler failed");
		})).hasMessage("handler failed");
		assertThat(this.decoder.bufferCapacity()).isZero();
		assertThatThrownBy(() -> this.decoder.decode(frame, 0, frame.length, message -> {
		})).isInstanceOf(IllegalStateException.class).hasMessage("decoder is unusable after an earlier call failed");
	}

	@Test
	void decodeRejectsRangeOutsideTheArrayAndNullSink() {
		assertThatThrownBy(() -> this.decoder.decode(new byte[4], 2, 3, message -> {
		})).isInstanceOf(IndexOutOfBoundsException.class);
		assertThatThrownBy(() -> this.decoder.decode(new byte[4], 0, 4, null)).isInstanceOf(NullPointerException.class);
		assertThat(decode(this.decoder, message("still usable"), 0, 14)).containsExactly("still usable");
	}

	/**
	 * The 0xFF search tests eight bytes at a time: put the frame end at every place in a
	 * word and next to the bytes closest to 0xFF, with payloads that are not valid UTF-8.
	 */
	@Test
	void findsTheFrameEndAtEveryPositionOfAWordNextToBytesCloseTo0xFF() {
		byte[] near = { (byte) 0xFE, (byte) 0x7F, (byte) 0xBF, (byte) 0xDF, (byte) 0xEF, (byte) 0xF7, (byte) 0xFB,
				(byte) 0xFD, 0x00, 0x01, (byte) 0x80 };
		for (int offset = 0; offset < 8; offset++) {
			for (int length = 0; length <= 40; length++) {
				byte[] payload = new byte[length];
				for (int i = 0; i < length; i++) {
					payload[i] = near[(i + length) % near.length];
				}
				byte[] data = concat(new byte[offset], text(0x00, payload), text(0x01, payload), message("next"));
				String expected = new String(payload, StandardCharsets.UTF_8);

				assertThat(decode(new Hixie76FrameDecoder(64), data, offset, data.length - offset))
					.as("offset %d, length %d", offset, length)
					.containsExactly(expected, "next");
				assertThat(new Hixie76FrameDecoder(64).feed(data, offset, data.length - offset))
					.as("offset %d, length %d", offset, length)
					.containsExactly(expected, "next");
			}
		}
	}

	@Test
	void releasesALargeBufferOnceAFrameSpanningCallsIsComplete() {
		Hixie76FrameDecoder decoder = new Hixie76FrameDecoder(65536);
		byte[] frame = message("z".repeat(20_000));
		assertThat(decoder.feed(frame, 0, 10_000)).isEmpty();
		assertThat(decoder.bufferCapacity()).isGreaterThan(4096);
		assertThat(decoder.feed(frame, 10_000, frame.length - 10_000)).containsExactly("z".repeat(20_000));
		assertThat(decoder.bufferCapacity()).isLessThanOrEqualTo(4096);
		assertThat(decoder.feed(concat(message("again"), message("and again")))).containsExactly("again", "and again");
	}

}
