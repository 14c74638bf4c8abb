package dev.cyclone.websocket.hixie76;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The Hixie-76 handshake challenge: parses {@code Sec-WebSocket-Key1}/{@code Key2} and
 * computes the 16-byte answer the server sends after its response headers. Hixie-75 has
 * no challenge.
 */
public final class Hixie76Handshake {

	/** Length in bytes of key3, the request body that follows the headers. */
	public static final int KEY3_LENGTH = 8;

	/** Length in bytes of the challenge answer. */
	public static final int ANSWER_LENGTH = 16;

	private static final long MAX_UNSIGNED_32 = 0xFFFF_FFFFL;

	private Hixie76Handshake() {
	}

	/**
	 * Parses a key header value: the decimal digits it contains, read as one number,
	 * divided by the number of spaces (U+0020). Other characters are ignored. The value
	 * is taken as given: the caller's HTTP parser has already stripped leading and
	 * trailing spaces.
	 * @param headerValue the value of {@code Sec-WebSocket-Key1} or
	 * {@code Sec-WebSocket-Key2}
	 * @return the key number, between 0 and 2<sup>32</sup>-1
	 * @throws InvalidHandshakeKeyException if the value is null or empty, has no spaces,
	 * has a digit string beyond 64 bits, is not a multiple of its spaces, or the quotient
	 * exceeds 32 bits
	 */
	public static long parseKey(String headerValue) {
		if (headerValue == null) {
			throw new InvalidHandshakeKeyException("key is null");
		}
		if (headerValue.isEmpty()) {
			throw new InvalidHandshakeKeyException("key is empty");
		}
		long number = 0;
		int spaces = 0;
		for (int i = 0; i < headerValue.length(); i++) {
			char c = headerValue.charAt(i);
			if (c >= '0' && c <= '9') {
				int digit = c - '0';
				if (number > (Long.MAX_VALUE - digit) / 10) {
					throw new InvalidHandshakeKeyException("key digits overflow 64 bits");
				}
				number = number * 10 + digit;
			}
			else if (c == ' ') {
				spaces++;
			}
		}
		if (spaces == 0) {
			throw new InvalidHandshakeKeyException("key has no spaces");
		}
		if (number % spaces != 0) {
			throw new InvalidHandshakeKeyException(
					"key number " + number + " is not a multiple of its " + spaces + " spaces");
		}
		long quotient = number / spaces;
		if (quotient > MAX_UNSIGNED_32) {
			throw new InvalidHandshakeKeyException("key quotient " + quotient + " exceeds 32 bits");
		}
		return quotient;
	}

	/**
	 * Computes the challenge answer: MD5 of the two key numbers as big-endian unsigned
	 * 32-bit integers followed by key3.
	 * @param key1 the value of {@code Sec-WebSocket-Key1}
	 * @param key2 the value of {@code Sec-WebSocket-Key2}
	 * @param key3 the 8 bytes that follow the request headers
	 * @return the 16 raw bytes of the answer
	 * @throws InvalidHandshakeKeyException if a key is invalid (see
	 * {@link #parseKey(String)}) or key3 is null or not exactly 8 bytes long
	 */
	public static byte[] answer(String key1, String key2, byte[] key3) {
		if (key3 == null || key3.length != KEY3_LENGTH) {
			throw new InvalidHandshakeKeyException("key3 must be exactly " + KEY3_LENGTH + " bytes, got "
					+ (key3 == null ? "null" : key3.length + " bytes"));
		}
		byte[] challenge = ByteBuffer.allocate(2 * Integer.BYTES + KEY3_LENGTH)
			.putInt((int) parseKey(key1))
			.putInt((int) parseKey(key2))
			.put(key3)
			.array();
		return md5().digest(challenge);
	}

	private static MessageDigest md5() {
		try {
			return MessageDigest.getInstance("MD5");
		}
		catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException("MD5 is required on every Java platform", e);
		}
	}

}
