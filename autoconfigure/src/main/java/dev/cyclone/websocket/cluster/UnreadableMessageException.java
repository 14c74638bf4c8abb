package dev.cyclone.websocket.cluster;

/**
 * A message on the cluster's channel that this instance cannot use.
 */
final class UnreadableMessageException extends Exception {

	private final DropCause dropCause;

	UnreadableMessageException(DropCause cause, String message) {
		super(message, null, false, false);
		this.dropCause = cause;
	}

	DropCause dropCause() {
		return this.dropCause;
	}

}
