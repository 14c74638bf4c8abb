package dev.cyclone.websocket.hixie76;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

import dev.cyclone.websocket.FrameDecodeError;

/**
 * Decodes the client-to-server byte stream of the Hixie-75/76 drafts into text messages.
 *
 * <ul>
 * <li>A type byte with the high bit clear starts a text frame that runs up to the next
 * {@code 0xFF}. Type {@code 0x00} is a message and is delivered; other types are read and
 * discarded. Invalid UTF-8 is decoded with replacement characters (U+FFFD), as the draft
 * specifies for clients, rather than rejected.</li>
 * <li>A type byte with the high bit set is followed by a base-128 length (big-endian
 * groups of 7 bits, high bit meaning "more bytes follow") and that many bytes, which are
 * skipped without being buffered. Type {@code 0xFF} with length 0 is the closing
 * handshake: after it {@link #isClosed()} is true and further input is ignored.</li>
 * </ul>
 *
 * <p>
 * Frames may be split across calls at any byte. A frame lying wholly inside one input
 * array is decoded from that array without copying; only a frame spanning calls is
 * accumulated, in a buffer that never exceeds {@code maxFrameSize} bytes.
 *
 * <p>
 * Two ways to receive the messages: {@link #decode(byte[], int, int, Consumer)} hands
 * each one to a consumer as soon as its frame ends, and {@code feed} returns those of one
 * call as a list.
 *
 * <p>
 * A {@link FrameDecodeError} is thrown, before more than {@code maxFrameSize} bytes of
 * the frame are buffered, when a text frame of any type exceeds {@code maxFrameSize}
 * bytes, when a length-prefixed frame announces more than {@code maxFrameSize} bytes, or
 * when its length prefix is longer than 9 bytes. The decoder is unusable afterwards.
 *
 * <p>
 * Not thread safe: use one instance per connection, from one thread at a time.
 */
public final class Hixie76FrameDecoder {

	private static final byte FRAME_END = (byte) 0xFF;

	private static final int CLOSE_FRAME_TYPE = 0xFF;

	private static final int MAX_LENGTH_BYTES = 9;

	private static final int MIN_BUFFER_CAPACITY = 256;

	/**
	 * Largest buffer kept after a spanning frame completes, so that an idle connection
	 * holds little.
	 */
	private static final int RETAINED_BUFFER_CAPACITY = 4096;

	private static final byte[] NO_BYTES = new byte[0];

	/**
	 * Reads eight bytes of a {@code byte[]} as one {@code long}, the first byte lowest.
	 */
	private static final VarHandle WORD = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

	private static final long LOW_BITS = 0x0101010101010101L;

	private static final long HIGH_BITS = 0x8080808080808080L;

	private enum State {

		FRAME_START, TEXT, LENGTH, SKIP, CLOSED, FAILED

	}

	private final int maxFrameSize;

	private State state = State.FRAME_START;

	/** Type byte of the current frame, 0 to 255. */
	private int frameType;

	/** Bytes of the current text frame read so far (buffered only for messages). */
	private int textLength;

	/** Holds the start of a message that spans calls. */
	private byte[] buffer = NO_BYTES;

	/** Length read so far (LENGTH), then bytes left to skip (SKIP). */
	private long frameLength;

	private int lengthBytes;

	/**
	 * Creates a decoder.
	 * @param maxFrameSize the largest accepted frame payload in bytes, greater than 0
	 * @throws IllegalArgumentException if {@code maxFrameSize} is not positive
	 */
	public Hixie76FrameDecoder(int maxFrameSize) {
		if (maxFrameSize <= 0) {
			throw new IllegalArgumentException("maxFrameSize must be > 0, got " + maxFrameSize);
		}
		this.maxFrameSize = maxFrameSize;
	}

	/**
	 * Decodes all of {@code data}; same as {@code feed(data, 0, data.length)}.
	 * @param data the received bytes
	 * @return the completed messages in order, possibly empty, never null
	 * @throws FrameDecodeError if the input is invalid or over the limit
	 * @throws IllegalStateException if an earlier call threw
	 */
	public List<String> feed(byte[] data) {
		return feed(data, 0, data.length);
	}

	/**
	 * Decodes the remaining bytes of {@code data} and moves its position to its limit.
	 * @param data the received bytes
	 * @return the completed messages in order, possibly empty, never null
	 * @throws FrameDecodeError if the input is invalid or over the limit
	 * @throws IllegalStateException if an earlier call threw
	 */
	public List<String> feed(ByteBuffer data) {
		int length = data.remaining();
		if (data.hasArray()) {
			List<String> messages = feed(data.array(), data.arrayOffset() + data.position(), length);
			data.position(data.limit());
			return messages;
		}
		byte[] copy = new byte[length];
		data.get(copy);
		return feed(copy, 0, length);
	}

	/**
	 * Decodes {@code length} bytes of {@code data} starting at {@code offset}, keeping
	 * any incomplete frame for the next call, and returns the messages completed by this
	 * call. The array is not retained. If the call throws {@link FrameDecodeError}, the
	 * messages completed earlier in it are lost.
	 * @param data the received bytes
	 * @param offset index of the first byte to decode
	 * @param length number of bytes to decode
	 * @return the completed messages in order, possibly empty, never null
	 * @throws IndexOutOfBoundsException if the range lies outside {@code data}
	 * @throws FrameDecodeError if the input is invalid or over the limit
	 * @throws IllegalStateException if an earlier call threw
	 */
	public List<String> feed(byte[] data, int offset, int length) {
		List<String> messages = new ArrayList<>();
		decode(data, offset, length, messages::add);
		return messages;
	}

	/**
	 * Decodes {@code length} bytes of {@code data} starting at {@code offset}, handing
	 * each completed message to {@code sink} as soon as its frame ends, and keeping any
	 * incomplete frame for the next call. The array is not retained.
	 *
	 * <p>
	 * When the input turns out invalid or over the limit, the messages before the
	 * offending frame have been handed over and {@link FrameDecodeError} is thrown. An
	 * exception thrown by {@code sink} stops the call and is rethrown. Either way the
	 * decoder is unusable afterwards. The sink must not call this decoder.
	 * @param data the received bytes
	 * @param offset index of the first byte to decode
	 * @param length number of bytes to decode
	 * @param sink receives the completed messages in order
	 * @throws IndexOutOfBoundsException if the range lies outside {@code data}
	 * @throws FrameDecodeError if the input is invalid or over the limit
	 * @throws IllegalStateException if an earlier call threw
	 */
	public void decode(byte[] data, int offset, int length, Consumer<? super String> sink) {
		Objects.checkFromIndexSize(offset, length, data.length);
		Objects.requireNonNull(sink, "sink");
		if (this.state == State.FAILED) {
			throw new IllegalStateException("decoder is unusable after an earlier call failed");
		}
		int pos = offset;
		int end = offset + length;
		try {
			while (pos < end) {
				pos = switch (this.state) {
					case FRAME_START -> readFrames(data, pos, end, sink);
					case TEXT -> continueText(data, pos, end, sink);
					case LENGTH -> readLength(data, pos, end);
					case SKIP -> skip(pos, end);
					default -> end; // CLOSED: input after the closing handshake is
									// ignored
				};
			}
		}
		catch (RuntimeException | Error ex) {
			// the rest of the input is lost, so the decoder no longer knows where frames
			// start
			fail();
			throw ex;
		}
	}

	/**
	 * Tells whether the closing handshake ({@code 0xFF 0x00}) has been read.
	 * @return true once the client closed; later input is ignored
	 */
	public boolean isClosed() {
		return this.state == State.CLOSED;
	}

	private void releaseLargeBuffer() {
		if (this.buffer.length > RETAINED_BUFFER_CAPACITY) {
			this.buffer = NO_BYTES;
		}
	}

	/**
	 * Capacity of the internal buffer for messages spanning calls; never above the limit.
	 */
	int bufferCapacity() {
		return this.buffer.length;
	}

	/**
	 * The fast path: decodes the frames that start at {@code pos}, as long as they are
	 * text frames that end within {@code data[pos, end)}. Returns where it stopped, in
	 * the state to go on with.
	 */
	private int readFrames(byte[] data, int pos, int end, Consumer<? super String> sink) {
		while (pos < end) {
			int type = data[pos++] & 0xFF;
			if ((type & 0x80) != 0) {
				this.frameType = type;
				this.frameLength = 0;
				this.lengthBytes = 0;
				this.state = State.LENGTH;
				return pos;
			}
			int frameEnd = findFrameEnd(data, pos, end, this.maxFrameSize);
			if (frameEnd < 0) {
				this.frameType = type;
				this.textLength = 0;
				this.state = State.TEXT;
				bufferText(data, pos, end);
				return end;
			}
			if (type == 0) {
				sink.accept(new String(data, pos, frameEnd - pos, StandardCharsets.UTF_8));
			}
			pos = frameEnd + 1;
		}
		return pos;
	}

	/** Goes on with a text frame begun in an earlier call. */
	private int continueText(byte[] data, int pos, int end, Consumer<? super String> sink) {
		int frameEnd = findFrameEnd(data, pos, end, this.maxFrameSize - this.textLength);
		if (frameEnd < 0) {
			bufferText(data, pos, end);
			return end;
		}
		this.state = State.FRAME_START;
		if (this.frameType == 0) {
			bufferText(data, pos, frameEnd);
			String message = new String(this.buffer, 0, this.textLength, StandardCharsets.UTF_8);
			releaseLargeBuffer();
			sink.accept(message);
		}
		else {
			releaseLargeBuffer();
		}
		return frameEnd + 1;
	}

	/**
	 * Returns the index of the 0xFF ending the current text frame, or -1 if it is not in
	 * {@code data[from, to)}; scans no further than the {@code allowance} bytes the frame
	 * may still grow by, and fails if the frame is longer.
	 */
	private int findFrameEnd(byte[] data, int from, int to, int allowance) {
		boolean capped = to - from > allowance;
		int frameEnd = indexOfFrameEnd(data, from, capped ? from + allowance + 1 : to);
		if (frameEnd < 0 && capped) {
			throw fail("Hixie-76 text frame exceeds the maximum of " + this.maxFrameSize + " bytes");
		}
		return frameEnd;
	}

	/**
	 * Returns the index of the first 0xFF in {@code data[from, to)}, or -1. Tests eight
	 * bytes at a time: 0xFF bytes are the zero bytes of {@code x = ~word}, and in the
	 * classic zero-byte test {@code (x - 0x0101..01) & ~x & 0x8080..80} the lowest set
	 * bit marks the first one (higher bits may be spurious, and are not looked at).
	 */
	private static int indexOfFrameEnd(byte[] data, int from, int to) {
		int i = from;
		for (; i <= to - Long.BYTES; i += Long.BYTES) {
			long word = (long) WORD.get(data, i);
			long found = (~word - LOW_BITS) & word & HIGH_BITS;
			if (found != 0) {
				return i + (Long.numberOfTrailingZeros(found) >>> 3);
			}
		}
		for (; i < to; i++) {
			if (data[i] == FRAME_END) {
				return i;
			}
		}
		return -1;
	}

	/**
	 * Keeps the unterminated tail of a text frame; findFrameEnd guarantees it fits the
	 * limit.
	 */
	private void bufferText(byte[] data, int from, int to) {
		int count = to - from;
		if (this.frameType == 0) {
			ensureCapacity(this.textLength + count);
			System.arraycopy(data, from, this.buffer, this.textLength, count);
		}
		this.textLength += count;
	}

	private void ensureCapacity(int needed) {
		if (needed > this.buffer.length) {
			long grown = Math.max(MIN_BUFFER_CAPACITY, 2L * this.buffer.length);
			this.buffer = Arrays.copyOf(this.buffer, (int) Math.min(this.maxFrameSize, Math.max(needed, grown)));
		}
	}

	private int readLength(byte[] data, int pos, int end) {
		while (pos < end) {
			int b = data[pos++];
			if (++this.lengthBytes > MAX_LENGTH_BYTES) {
				throw fail("Hixie-76 frame length prefix is longer than " + MAX_LENGTH_BYTES
						+ " bytes and overflows 64 bits");
			}
			this.frameLength = this.frameLength << 7 | (b & 0x7F);
			if (this.frameLength > this.maxFrameSize) {
				throw fail("Hixie-76 length-prefixed frame exceeds the maximum of " + this.maxFrameSize + " bytes");
			}
			if ((b & 0x80) == 0) {
				endLength();
				break;
			}
		}
		return pos;
	}

	private void endLength() {
		if (this.frameLength > 0) {
			this.state = State.SKIP;
		}
		else if (this.frameType == CLOSE_FRAME_TYPE) {
			this.state = State.CLOSED;
			this.buffer = NO_BYTES;
		}
		else {
			this.state = State.FRAME_START;
		}
	}

	private int skip(int pos, int end) {
		int count = (int) Math.min(this.frameLength, end - pos);
		this.frameLength -= count;
		if (this.frameLength == 0) {
			this.state = State.FRAME_START;
		}
		return pos + count;
	}

	private FrameDecodeError fail(String message) {
		fail();
		return new FrameDecodeError(message);
	}

	private void fail() {
		this.state = State.FAILED;
		this.buffer = NO_BYTES;
	}

}
