package dev.cyclone.websocket.cluster;

/**
 * A message on the cluster's channel that this instance cannot use.
 */
final class UnreadableMessageException extends Exception {

	private final DropCause cause;

	UnreadableMessageException(DropCause cause, String message) {
		super(message, null, false, false);
		this.cause = cause;
	}

	DropCause dropCause() {
		return this.cause;
	}

}
