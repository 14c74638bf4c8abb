package dev.cyclone.websocket.autoconfigure;

import java.util.Set;

import dev.cyclone.websocket.cluster.ClusterOverview;
import dev.cyclone.websocket.handshake.ConnectionLimits;
import dev.cyclone.websocket.hixie76.HixieDraft;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * The {@code websockets} Actuator endpoint, when Spring Boot Actuator is present; exposed
 * on the web only when the usual {@code management.endpoints.web.exposure.include} says
 * so.
 */
@AutoConfiguration(after = { CycloneWebSocketAutoConfiguration.class, CycloneWebSocketClusterAutoConfiguration.class })
@ConditionalOnClass(Endpoint.class)
@ConditionalOnBean(MappedHandlers.class)
@ConditionalOnAvailableEndpoint(WebSocketsEndpoint.class)
public final class CycloneWebSocketEndpointAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	WebSocketsEndpoint webSocketsEndpoint(MappedHandlers mappedHandlers, ConnectionLimits connections,
			CycloneWebSocketProperties properties, ObjectProvider<ClusterOverview> cluster) {
		Set<HixieDraft> drafts = properties.getHixie().isEnabled() ? properties.getHixie().getDrafts() : Set.of();
		return new WebSocketsEndpoint(mappedHandlers, connections, drafts, cluster.getIfAvailable());
	}

}
