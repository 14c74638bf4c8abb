package dev.cyclone.websocket.cluster;

import java.util.Map;

import dev.cyclone.websocket.ConnectionSelector;
import dev.cyclone.websocket.adapter.BroadcastMessage;

/**
 * What instances say to each other on the cluster's channel, each message naming the
 * instance that published it.
 */
sealed interface ClusterMessage {

	/**
	 * @return the id of the instance that published it
	 */
	String instance();

	/**
	 * A broadcast for the connections a selector selects.
	 *
	 * @param instance the publishing instance
	 * @param selector which connections get it (its exclusion is the publisher's own)
	 * @param message the message
	 * @param queuedAt when the publishing instance queued it, in epoch milliseconds
	 */
	record Broadcast(String instance, ConnectionSelector selector, BroadcastMessage message,
			long queuedAt) implements ClusterMessage {

	}

	/**
	 * An instance saying it is there, and how many connections each of its handlers has.
	 *
	 * @param instance the publishing instance
	 * @param name a name for people: host and port
	 * @param sequence its number among the instance's announcements, from 1
	 * @param connections open connections by handler bean name
	 */
	record Announcement(String instance, String name, long sequence,
			Map<String, Integer> connections) implements ClusterMessage {

	}

	/**
	 * An instance shutting down.
	 *
	 * @param instance the publishing instance
	 */
	record Goodbye(String instance) implements ClusterMessage {

	}

}
