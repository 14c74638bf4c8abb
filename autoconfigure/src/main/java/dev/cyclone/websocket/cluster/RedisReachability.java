package dev.cyclone.websocket.cluster;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Whether the cluster's last exchange with Redis worked, and the log lines of its
 * changes: one WARN when Redis becomes unreachable (Lettuce logs its reconnect attempts
 * itself), one INFO when it is back.
 */
final class RedisReachability {

	private static final Log logger = LogFactory.getLog(RedisReachability.class);

	private final String channel;

	private boolean reachable = true;

	private @Nullable String lastError;

	RedisReachability(String channel) {
		this.channel = channel;
	}

	/**
	 * An exchange with Redis failed.
	 * @param what what was tried
	 * @param ex why it failed
	 */
	synchronized void failed(String what, Exception ex) {
		this.lastError = what + " failed: " + describe(ex);
		if (this.reachable) {
			this.reachable = false;
			logger.warn("Cross-instance broadcast unavailable: " + what + " on " + this.channel + " failed ("
					+ describe(ex) + "); broadcasts reach this instance's connections only, and resume by "
					+ "themselves once Redis is back");
		}
	}

	/**
	 * An exchange with Redis worked.
	 */
	synchronized void succeeded() {
		if (!this.reachable) {
			this.reachable = true;
			logger.info("Cross-instance broadcast back on " + this.channel);
		}
		this.lastError = null;
	}

	synchronized boolean isReachable() {
		return this.reachable;
	}

	synchronized @Nullable String lastError() {
		return this.lastError;
	}

	private static String describe(Throwable ex) {
		Throwable cause = ex;
		while (cause.getCause() != null && cause.getCause() != cause) {
			cause = cause.getCause();
		}
		String message = (cause.getMessage() != null) ? cause.getMessage() : cause.getClass().getSimpleName();
		return (cause == ex) ? message : ex.getClass().getSimpleName() + ": " + message;
	}

}
