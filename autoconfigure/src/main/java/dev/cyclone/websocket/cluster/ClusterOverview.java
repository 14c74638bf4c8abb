package dev.cyclone.websocket.cluster;

/**
 * The cluster as this instance sees it, for the {@code websockets} endpoint and the
 * health indicator.
 */
@FunctionalInterface
public interface ClusterOverview {

	/**
	 * @return this instance and the instances it heard from within the instance timeout,
	 * their counts as of their last announcement
	 */
	ClusterDescription describe();

}
