package dev.cyclone.websocket.cluster;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The cluster as one instance sees it.
 *
 * @param channel the Redis channel
 * @param connected whether this instance is subscribed and can publish
 * @param lastError the last failure talking to Redis, if it has not worked since
 * @param publishQueued messages waiting to be published
 * @param openConnections open connections of every instance
 * @param connectionsByHandler open connections of every instance by handler
 * @param instances this instance first, then the others by name
 */
public record ClusterDescription(String channel, boolean connected, @Nullable String lastError, int publishQueued,
		int openConnections, Map<String, Integer> connectionsByHandler, List<InstanceDescription> instances) {

	/**
	 * One instance.
	 *
	 * @param id its id, new at every start
	 * @param name its host and port
	 * @param self whether it is the instance that answers
	 * @param connections its open connections by handler
	 * @param lastHeard when its last announcement came, {@code null} for this instance
	 */
	public record InstanceDescription(String id, String name, boolean self, Map<String, Integer> connections,
			@Nullable String lastHeard) {

	}

}
