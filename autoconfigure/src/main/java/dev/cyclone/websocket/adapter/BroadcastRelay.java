package dev.cyclone.websocket.adapter;

import dev.cyclone.websocket.ConnectionSelector;

/**
 * Takes the broadcasts addressed to a {@link ConnectionSelector} to the other application
 * instances, once this instance's connections have them. Must return at once: it runs on
 * the thread that broadcasts.
 */
@FunctionalInterface
public interface BroadcastRelay {

	/** No other instances: broadcasts stay local. */
	BroadcastRelay NONE = (message, selector) -> {
	};

	/**
	 * Hand a broadcast over for the other instances.
	 * @param message the message, encoded
	 * @param selector the connections it is for
	 */
	void relay(BroadcastMessage message, ConnectionSelector selector);

}
