package dev.cyclone.websocket.autoconfigure;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import dev.cyclone.websocket.WebSocketProtocol;
import dev.cyclone.websocket.cluster.ClusterDescription;
import dev.cyclone.websocket.cluster.ClusterOverview;
import dev.cyclone.websocket.handshake.ConnectionLimits;
import dev.cyclone.websocket.hixie76.HixieDraft;

import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;

/**
 * The {@code websockets} Actuator endpoint: each mapped handler with its paths, the
 * protocols it accepts and its open connections by protocol, all of this instance; and,
 * when the cluster is enabled, the instances in view with their connections by handler as
 * of their last announcement (approximate between announcements).
 */
@Endpoint(id = "websockets")
public class WebSocketsEndpoint {

	private final MappedHandlers mappedHandlers;

	private final ConnectionLimits connections;

	private final Set<HixieDraft> legacyDrafts;

	private final @Nullable ClusterOverview cluster;

	WebSocketsEndpoint(MappedHandlers mappedHandlers, ConnectionLimits connections, Set<HixieDraft> legacyDrafts,
			@Nullable ClusterOverview cluster) {
		this.mappedHandlers = mappedHandlers;
		this.connections = connections;
		this.legacyDrafts = legacyDrafts;
		this.cluster = cluster;
	}

	/**
	 * Describe the handlers.
	 * @return the handlers by bean name, and the total of open connections
	 */
	@ReadOperation
	public WebSocketsDescriptor websockets() {
		Map<String, HandlerDescriptor> handlers = new LinkedHashMap<>();
		this.mappedHandlers.handlers().forEach((name, handler) -> {
			Map<String, Integer> open = new LinkedHashMap<>();
			this.connections.countsByProtocol(name).forEach((protocol, count) -> open.put(protocol.id(), count));
			handlers.put(name, new HandlerDescriptor(handler.getPaths(), protocols(name), open));
		});
		ClusterDescription clusterView = (this.cluster != null) ? this.cluster.describe() : null;
		return new WebSocketsDescriptor(this.connections.count(), handlers, clusterView);
	}

	private List<String> protocols(String handlerName) {
		List<String> protocols = new ArrayList<>(List.of(WebSocketProtocol.RFC_6455.id()));
		if (this.mappedHandlers.legacyHandlers().containsValue(handlerName)) {
			this.legacyDrafts.stream().sorted().forEach((draft) -> protocols.add(draft.protocolName()));
		}
		return protocols;
	}

	/**
	 * What the endpoint shows.
	 *
	 * @param openConnections the open connections of all handlers
	 * @param handlers the handlers by bean name
	 * @param cluster the instances of the cluster, {@code null} unless it is enabled
	 */
	public record WebSocketsDescriptor(int openConnections, Map<String, HandlerDescriptor> handlers,
			@Nullable ClusterDescription cluster) {

	}

	/**
	 * One handler.
	 *
	 * @param paths the paths and patterns it serves
	 * @param protocols the protocols it accepts
	 * @param openConnections its open connections by protocol
	 */
	public record HandlerDescriptor(List<String> paths, List<String> protocols, Map<String, Integer> openConnections) {

	}

}
