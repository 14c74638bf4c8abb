package dev.cyclone.websocket.metrics;

import java.util.EnumMap;
import java.util.Map;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import dev.cyclone.websocket.WebSocketProtocol;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The connection gauges keep no count of their own: they read the one count the
 * connection limits keep.
 */
class MicrometerWebSocketMetricsTest {

	private final Map<WebSocketProtocol, Integer> open = new EnumMap<>(WebSocketProtocol.class);

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	private final MicrometerWebSocketMetrics metrics = new MicrometerWebSocketMetrics(this.registry,
			() -> (handler, protocol) -> this.open.getOrDefault(protocol, 0));

	@Test
	void gaugesReadTheConnectionCount() {
		this.metrics.connectionOpened("chat", WebSocketProtocol.HIXIE_76);
		this.open.put(WebSocketProtocol.HIXIE_76, 7);
		assertThat(gauge("hixie-76")).isEqualTo(7);
		this.metrics.connectionClosed("chat", WebSocketProtocol.HIXIE_76, 1000);
		assertThat(gauge("hixie-76")).isEqualTo(7);
		this.open.put(WebSocketProtocol.HIXIE_76, 6);
		assertThat(gauge("hixie-76")).isEqualTo(6);
		this.metrics.connectionOpened("chat", WebSocketProtocol.HIXIE_76);
		assertThat(this.registry.find("websocket.connections").gauges()).hasSize(1);
	}

	private double gauge(String protocol) {
		return this.registry.get("websocket.connections").tags("handler", "chat", "protocol", protocol).gauge().value();
	}

}
