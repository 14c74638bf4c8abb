package dev.cyclone.websocket.hixie76;

import dev.cyclone.websocket.FrameDecodeError;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Decodes the client-to-server byte stream of the Hixie-75/76 drafts into text messages.
 *
 * <ul>
 *   <li>A type byte with the high bit clear starts a text frame that runs up to the next
 *       {@code 0xFF}. Type {@code 0x00} is a message and is returned; other types are read and
 *       discarded. Invalid UTF-8 is decoded with replacement characters (U+FFFD), as the draft
 *       specifies for clients, rather than rejected.</li>
 *   <li>A type byte with the high bit set is followed by a base-128 length (big-endian groups
 *       of 7 bits, high bit meaning "more bytes follow") and that many bytes, which are skipped
 *       without being buffered. Type {@code 0xFF} with length 0 is the closing handshake: after
 *       it {@link #isClosed()} is true and further input is ignored.</li>
 * </ul>
 *
 * <p>Frames may be split across {@code feed} calls at any byte. A frame lying wholly inside
 * one input array is decoded from that array without copying; only a frame spanning calls is
 * accumulated, in a buffer that never exceeds {@code maxFrameSize} bytes.
 *
 * <p>A {@link FrameDecodeError} is thrown, before more than {@code maxFrameSize} bytes of the
 * frame are buffered, when a text frame of any type exceeds {@code maxFrameSize} bytes, when a
 * length-prefixed frame announces more than {@code maxFrameSize} bytes, or when its length
 * prefix is longer than 9 bytes. Messages completed earlier in the failing call are lost, and
 * the decoder is unusable afterwards.
 *
 * <p>Not thread safe: use one instance per connection, from one thread at a time.
 */
public final class Hixie76FrameDecoder {

	private static final byte FRAME_END = (byte) 0xFF;
	private static final int CLOSE_FRAME_TYPE = 0xFF;
	private static final int MAX_LENGTH_BYTES = 9;
	private static final int MIN_BUFFER_CAPACITY = 256;
	private static final byte[] NO_BYTES = new byte[0];

	private enum State { FRAME_START, TEXT, LENGTH, SKIP, CLOSED, FAILED }

	private final int maxFrameSize;
	private State state = State.FRAME_START;
	/** Type byte of the current frame, 0 to 255. */
	private int frameType;
	/** Bytes of the current text frame read so far (buffered only for messages). */
	private int textLength;
	/** Holds the start of a message that spans feed calls. */
	private byte[] buffer = NO_BYTES;
	/** Length read so far (LENGTH), then bytes left to skip (SKIP). */
	private long frameLength;
	private int lengthBytes;

	/**
	 * Creates a decoder.
	 *
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
	 *
	 * @param data the received bytes
	 * @return the completed messages in order, possibly empty, never null
	 * @throws FrameDecodeError if the input is invalid or over the limit
	 * @throws IllegalStateException if an earlier call threw {@link FrameDecodeError}
	 */
	public List<String> feed(byte[] data) {
		return feed(data, 0, data.length);
	}

	/**
	 * Decodes the remaining bytes of {@code data} and moves its position to its limit.
	 *
	 * @param data the received bytes
	 * @return the completed messages in order, possibly empty, never null
	 * @throws FrameDecodeError if the input is invalid or over the limit
	 * @throws IllegalStateException if an earlier call threw {@link FrameDecodeError}
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
	 * Decodes {@code length} bytes of {@code data} starting at {@code offset}, keeping any
	 * incomplete frame for the next call. The array is not retained.
	 *
	 * @param data the received bytes
	 * @param offset index of the first byte to decode
	 * @param length number of bytes to decode
	 * @return the completed messages in order, possibly empty (and then possibly immutable),
	 *     never null
	 * @throws IndexOutOfBoundsException if the range lies outside {@code data}
	 * @throws FrameDecodeError if the input is invalid or over the limit
	 * @throws IllegalStateException if an earlier call threw {@link FrameDecodeError}
	 */
	public List<String> feed(byte[] data, int offset, int length) {
		Objects.checkFromIndexSize(offset, length, data.length);
		if (state == State.FAILED) {
			throw new IllegalStateException("decoder is unusable after a FrameDecodeError");
		}
		List<String> messages = List.of();
		int pos = offset;
		int end = offset + length;
		while (pos < end) {
			switch (state) {
				case FRAME_START -> startFrame(data[pos++] & 0xFF);
				case TEXT -> {
					int frameEnd = findFrameEnd(data, pos, end);
					if (frameEnd < 0) {
						bufferText(data, pos, end);
						pos = end;
					} else {
						if (frameType == 0) {
							messages = add(messages, completeMessage(data, pos, frameEnd));
						}
						state = State.FRAME_START;
						pos = frameEnd + 1;
					}
				}
				case LENGTH -> pos = readLength(data, pos, end);
				case SKIP -> pos = skip(pos, end);
				default -> pos = end; // CLOSED: input after the closing handshake is ignored
			}
		}
		return messages;
	}

	/**
	 * Tells whether the closing handshake ({@code 0xFF 0x00}) has been read.
	 *
	 * @return true once the client closed; later input is ignored
	 */
	public boolean isClosed() {
		return state == State.CLOSED;
	}

	/** Capacity of the internal buffer for messages spanning calls; never above the limit. */
	int bufferCapacity() {
		return buffer.length;
	}

	private void startFrame(int type) {
		frameType = type;
		if ((type & 0x80) == 0) {
			textLength = 0;
			state = State.TEXT;
		} else {
			frameLength = 0;
			lengthBytes = 0;
			state = State.LENGTH;
		}
	}

	/**
	 * Returns the index of the 0xFF ending the current text frame, or -1 if it is not in
	 * {@code data[from, to)}; scans no further than the frame may extend.
	 */
	private int findFrameEnd(byte[] data, int from, int to) {
		int allowance = maxFrameSize - textLength;
		boolean capped = to - from > allowance;
		int scanEnd = capped ? from + allowance + 1 : to;
		for (int i = from; i < scanEnd; i++) {
			if (data[i] == FRAME_END) {
				return i;
			}
		}
		if (capped) {
			throw fail("Hixie-76 text frame exceeds the maximum of " + maxFrameSize + " bytes");
		}
		return -1;
	}

	/** Keeps the unterminated tail of a text frame; findFrameEnd guarantees it fits the limit. */
	private void bufferText(byte[] data, int from, int to) {
		int count = to - from;
		if (frameType == 0) {
			ensureCapacity(textLength + count);
			System.arraycopy(data, from, buffer, textLength, count);
		}
		textLength += count;
	}

	private String completeMessage(byte[] data, int from, int frameEnd) {
		if (textLength == 0) {
			return new String(data, from, frameEnd - from, StandardCharsets.UTF_8);
		}
		bufferText(data, from, frameEnd);
		return new String(buffer, 0, textLength, StandardCharsets.UTF_8);
	}

	private void ensureCapacity(int needed) {
		if (needed > buffer.length) {
			long grown = Math.max(MIN_BUFFER_CAPACITY, 2L * buffer.length);
			buffer = Arrays.copyOf(buffer, (int) Math.min(maxFrameSize, Math.max(needed, grown)));
		}
	}

	private int readLength(byte[] data, int pos, int end) {
		while (pos < end) {
			int b = data[pos++];
			if (++lengthBytes > MAX_LENGTH_BYTES) {
				throw fail("Hixie-76 frame length prefix is longer than " + MAX_LENGTH_BYTES
						+ " bytes and overflows 64 bits");
			}
			frameLength = frameLength << 7 | (b & 0x7F);
			if (frameLength > maxFrameSize) {
				throw fail("Hixie-76 length-prefixed frame exceeds the maximum of "
						+ maxFrameSize + " bytes");
			}
			if ((b & 0x80) == 0) {
				endLength();
				break;
			}
		}
		return pos;
	}

	private void endLength() {
		if (frameLength > 0) {
			state = State.SKIP;
		} else if (frameType == CLOSE_FRAME_TYPE) {
			state = State.CLOSED;
			buffer = NO_BYTES;
		} else {
			state = State.FRAME_START;
		}
	}

	private int skip(int pos, int end) {
		int count = (int) Math.min(frameLength, end - pos);
		frameLength -= count;
		if (frameLength == 0) {
			state = State.FRAME_START;
		}
		return pos + count;
	}

	private FrameDecodeError fail(String message) {
		state = State.FAILED;
		buffer = NO_BYTES;
		return new FrameDecodeError(message);
	}

	private static List<String> add(List<String> messages, String message) {
		List<String> result = messages.isEmpty() ? new ArrayList<>() : messages;
		result.add(message);
		return result;
	}
}
