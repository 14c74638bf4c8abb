package dev.cyclone.websocket.cluster;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

/**
 * The cluster's health: UP while this instance is subscribed to the channel and Redis
 * takes its publishes, DOWN otherwise, with the channel, the instances in view and the
 * last error. Broadcasts to this instance's connections work either way, so keep this
 * indicator (and Spring Boot's own {@code redis} one) out of the checks a load balancer
 * uses: it is in no health group unless configured.
 */
public final class WebSocketClusterHealthIndicator extends AbstractHealthIndicator {

	private final ClusterOverview cluster;

	/**
	 * Create the indicator.
	 * @param cluster the membership to report on
	 */
	public WebSocketClusterHealthIndicator(ClusterOverview cluster) {
		super("WebSocket cluster health check failed");
		this.cluster = cluster;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		ClusterDescription described = this.cluster.describe();
		builder.status(described.connected() ? Status.UP : Status.DOWN)
			.withDetail("channel", described.channel())
			.withDetail("instances", described.instances().size())
			.withDetail("openConnections", described.openConnections());
		if (described.lastError() != null) {
			builder.withDetail("lastError", described.lastError());
		}
	}

}
