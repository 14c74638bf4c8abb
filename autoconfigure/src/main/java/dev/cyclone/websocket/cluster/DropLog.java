package dev.cyclone.websocket.cluster;

import java.util.EnumMap;
import java.util.Map;
import java.util.function.LongSupplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * The log lines of messages dropped on the cluster's channel: one WARN per cause, then at
 * most one a minute per cause with the number dropped meanwhile, so that whoever floods
 * the channel cannot flood the log.
 */
final class DropLog {

	private static final Log logger = LogFactory.getLog(DropLog.class);

	private static final long INTERVAL_NANOS = 60_000_000_000L;

	private final Map<DropCause, long[]> lastLines = new EnumMap<>(DropCause.class);

	private final LongSupplier nanoTime;

	DropLog(LongSupplier nanoTime) {
		this.nanoTime = nanoTime;
	}

	synchronized void dropped(DropCause cause, String channel, String detail) {
		long now = this.nanoTime.getAsLong();
		long[] state = this.lastLines.get(cause);
		if (state != null && now - state[0] < INTERVAL_NANOS) {
			state[1]++;
			return;
		}
		long since = (state != null) ? state[1] : 0;
		this.lastLines.put(cause, new long[] { now, 0 });
		logger.warn("Dropped a message on " + channel + " (" + cause.tag() + "): " + detail
				+ ((since > 0) ? "; " + since + " more of this kind dropped since the last such line" : ""));
	}

}
