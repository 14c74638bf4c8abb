package dev.cyclone.websocket.metrics;

/**
 * The message and byte counters of one handler and protocol, looked up once per
 * connection so that the message path only counts. Thread-safe.
 */
public interface MessageMeters {

	/** Counts nothing. */
	MessageMeters NONE = new MessageMeters() {
	};

	/**
	 * A message, or a part of one, arrived.
	 * @param bytes its size
	 * @param last whether it completes a message
	 */
	default void received(long bytes, boolean last) {
	}

	/**
	 * A message was queued for sending.
	 * @param bytes its size
	 */
	default void sent(long bytes) {
	}

}
