package dev.cyclone.websocket.wire;

import java.util.List;
import java.util.Random;

import org.java_websocket.drafts.Draft;
import org.java_websocket.drafts.Draft_76;
import org.java_websocket.handshake.ClientHandshakeBuilder;

/**
 * Java-WebSocket 1.3.4's {@link Draft_76} with handshake keys drawn from a seeded
 * {@link Random}: only digits, spaces and the letters a-z (the library's own keys may
 * carry a 0x7F byte, which Tomcat refuses with 400 before any filter runs). Each key is a
 * multiple of its 1 to 12 inner spaces, with a quotient below 2^32, as the draft
 * requires.
 */
final class WellFormedKeysDraft76 extends Draft_76 {

	private static final long MAX_NUMBER = 0xFFFFFFFFL;

	private final Random random;

	private final List<String> sentKeys;

	/**
	 * @param random the source of the keys and key3
	 * @param sentKeys where to record each key sent, Key1 then Key2
	 */
	WellFormedKeysDraft76(Random random, List<String> sentKeys) {
		this.random = random;
		this.sentKeys = sentKeys;
	}

	@Override
	public ClientHandshakeBuilder postProcessHandshakeRequestAsClient(ClientHandshakeBuilder request) {
		ClientHandshakeBuilder built = super.postProcessHandshakeRequestAsClient(request);
		String key1;
		String key2;
		byte[] key3 = new byte[8];
		synchronized (this.random) {
			key1 = key(this.random);
			key2 = key(this.random);
			this.random.nextBytes(key3);
		}
		built.put("Sec-WebSocket-Key1", key1);
		built.put("Sec-WebSocket-Key2", key2);
		built.setContent(key3);
		this.sentKeys.add(key1);
		this.sentKeys.add(key2);
		return built;
	}

	/**
	 * The client works on a copy of its draft: keep the subclass, the random and the
	 * record.
	 */
	@Override
	public Draft copyInstance() {
		return new WellFormedKeysDraft76(this.random, this.sentKeys);
	}

	/**
	 * One key: the decimal digits of {@code quotient * spaces}, with 1 to 12 letters a-z
	 * inserted anywhere and {@code spaces} spaces inserted strictly inside (a leading or
	 * trailing space would be trimmed from the header).
	 */
	static String key(Random random) {
		int spaces = 1 + random.nextInt(12);
		long quotient = (long) (random.nextDouble() * (MAX_NUMBER / spaces + 1));
		StringBuilder key = new StringBuilder(Long.toString(quotient * spaces));
		int letters = 1 + random.nextInt(12);
		for (int i = 0; i < letters; i++) {
			key.insert(random.nextInt(key.length() + 1), (char) ('a' + random.nextInt(26)));
		}
		for (int i = 0; i < spaces; i++) {
			key.insert(1 + random.nextInt(key.length() - 1), ' ');
		}
		return key.toString();
	}

}
