package dev.cyclone.websocket.autoconfigure;

import io.micrometer.core.instrument.MeterRegistry;

import dev.cyclone.websocket.handshake.ConnectionLimits;
import dev.cyclone.websocket.metrics.MicrometerWebSocketMetrics;
import dev.cyclone.websocket.metrics.WebSocketMetrics;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Records WebSocket metrics in the application's Micrometer registry when there is one
 * (Spring Boot Actuator).
 */
@AutoConfiguration(before = CycloneWebSocketAutoConfiguration.class, afterName = {
		"org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
		"org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
		"org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration" })
@ConditionalOnClass(MeterRegistry.class)
@ConditionalOnBean(MeterRegistry.class)
public final class CycloneWebSocketMetricsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	WebSocketMetrics cycloneWebSocketMetrics(MeterRegistry registry, ObjectProvider<ConnectionLimits> limits) {
		return new MicrometerWebSocketMetrics(registry, limits::getObject);
	}

}
