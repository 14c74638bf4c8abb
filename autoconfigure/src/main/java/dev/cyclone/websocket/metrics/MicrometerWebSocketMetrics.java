package dev.cyclone.websocket.metrics;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import dev.cyclone.websocket.WebSocketProtocol;

import org.springframework.util.function.SingletonSupplier;

/**
 * Records WebSocket metrics in a Micrometer registry:
 * <ul>
 * <li>{@code websocket.connections} (gauge, tags {@code handler}, {@code protocol}): open
 * connections, as the connection limits count them ({@link ConnectionCounts});</li>
 * <li>{@code websocket.messages.received} / {@code websocket.messages.sent} (counters,
 * tags {@code handler}, {@code protocol}) and {@code websocket.bytes.received} /
 * {@code websocket.bytes.sent} (counters, base unit bytes);</li>
 * <li>{@code websocket.handshakes.refused} (counter, tags {@code handler},
 * {@code reason});</li>
 * <li>{@code websocket.closes} (counter, tags {@code handler}, {@code protocol},
 * {@code code}: the close code for those RFC 6455 defines and 4500, otherwise
 * {@code 3xxx}, {@code 4xxx} or {@code other}, so that peers cannot grow the number of
 * series);</li>
 * <li>{@code websocket.cluster.messages} (counter, tags {@code outcome}:
 * {@code published}, {@code received}, {@code failed} or {@code dropped}, and
 * {@code cause}: {@code none}, or why it failed or was dropped): broadcasts across
 * instances.</li>
 * </ul>
 */
public final class MicrometerWebSocketMetrics implements WebSocketMetrics {

	private final MeterRegistry registry;

	private final Supplier<ConnectionCounts> counts;

	private final Set<String> gauges = ConcurrentHashMap.newKeySet();

	private final Map<String, Counters> counters = new ConcurrentHashMap<>();

	/**
	 * Create the metrics.
	 * @param registry the registry to record in
	 * @param counts the count of open connections the gauges read, looked up once when
	 * first read
	 */
	public MicrometerWebSocketMetrics(MeterRegistry registry, Supplier<ConnectionCounts> counts) {
		this.registry = registry;
		this.counts = SingletonSupplier.of(counts);
	}

	@Override
	public void connectionOpened(String handler, WebSocketProtocol protocol) {
		if (this.gauges.add(handler + '|' + protocol.id())) {
			Gauge.builder("websocket.connections", () -> this.counts.get().count(handler, protocol))
				.description("Open WebSocket connections")
				.tags("handler", handler, "protocol", protocol.id())
				.register(this.registry);
		}
	}

	@Override
	public void connectionClosed(String handler, WebSocketProtocol protocol, int code) {
		increment("websocket.closes", "WebSocket connections closed, by close code", "handler", handler, "protocol",
				protocol.id(), "code", CloseCodeTag.of(code));
	}

	@Override
	public MessageMeters messageMeters(String handler, WebSocketProtocol protocol) {
		return this.counters.computeIfAbsent(handler + '|' + protocol.id(),
				(key) -> new Counters(this.registry, handler, protocol.id()));
	}

	@Override
	public void handshakeRefused(String handler, String reason) {
		increment("websocket.handshakes.refused", "WebSocket handshakes refused, by reason", "handler", handler,
				"reason", reason);
	}

	@Override
	public void clusterPublished() {
		clusterMessages("published", "none");
	}

	@Override
	public void clusterReceived() {
		clusterMessages("received", "none");
	}

	@Override
	public void clusterFailed(String cause) {
		clusterMessages("failed", cause);
	}

	@Override
	public void clusterDropped(String cause) {
		clusterMessages("dropped", cause);
	}

	private void clusterMessages(String outcome, String cause) {
		increment("websocket.cluster.messages", "Cross-instance broadcast messages, by outcome", "outcome", outcome,
				"cause", cause);
	}

	private void increment(String name, String description, String... tags) {
		Counter.builder(name).description(description).tags(tags).register(this.registry).increment();
	}

	/** The message and byte counters of one handler and protocol. */
	private static final class Counters implements MessageMeters {

		final Counter messagesReceived;

		final Counter messagesSent;

		final Counter bytesReceived;

		final Counter bytesSent;

		Counters(MeterRegistry registry, String handler, String protocol) {
			this.messagesReceived = counter(registry, "websocket.messages.received", "Messages received", null, handler,
					protocol);
			this.messagesSent = counter(registry, "websocket.messages.sent", "Messages sent", null, handler, protocol);
			this.bytesReceived = counter(registry, "websocket.bytes.received", "Bytes of messages received", "bytes",
					handler, protocol);
			this.bytesSent = counter(registry, "websocket.bytes.sent", "Bytes of messages sent", "bytes", handler,
					protocol);
		}

		@Override
		public void received(long bytes, boolean last) {
			this.bytesReceived.increment(bytes);
			if (last) {
				this.messagesReceived.increment();
			}
		}

		@Override
		public void sent(long bytes) {
			this.bytesSent.increment(bytes);
			this.messagesSent.increment();
		}

		private static Counter counter(MeterRegistry registry, String name, String description, String unit,
				String handler, String protocol) {
			return Counter.builder(name)
				.description(description)
				.baseUnit(unit)
				.tags("handler", handler, "protocol", protocol)
				.register(registry);
		}

	}

}
