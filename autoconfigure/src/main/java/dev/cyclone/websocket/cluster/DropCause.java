package dev.cyclone.websocket.cluster;

/**
 * Why a message that came in on the cluster's channel was not delivered: the
 * {@code cause} tag of the dropped messages' counter.
 */
enum DropCause {

	/** Not a message of this starter: no version field. */
	NOT_OURS("not-ours"),

	/** Ours by its marker, but not readable JSON or missing what its type needs. */
	MALFORMED("malformed"),

	/** Of a newer or older format than this instance reads. */
	UNKNOWN_VERSION("unknown-version"),

	/** Larger than {@code cyclone.websocket.cluster.max-message-size}. */
	OVERSIZED("oversized"),

	/**
	 * Queued by its publisher longer ago than the publish timeout: its publisher counted
	 * it as failed (Redis stalled), or the clocks of the two hosts differ by that much.
	 */
	STALE("stale"),

	/** The queue of messages waiting for local delivery was full. */
	OVERFLOW("overflow"),

	/** An announcement of yet another instance, when the view holds as many as it may. */
	TOO_MANY_INSTANCES("too-many-instances");

	private final String tag;

	DropCause(String tag) {
		this.tag = tag;
	}

	String tag() {
		return this.tag;
	}

}
