package dev.cyclone.websocket.benchmarks;

import java.util.Map;

import dev.cyclone.websocket.ConnectionSelector;
import dev.cyclone.websocket.WebSocketConnections;
import dev.cyclone.websocket.WebSocketHandler;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * The server of the broadcast benchmark ({@link BroadcastTool}): one cyclone handler on
 * {@code /broadcast} that broadcasts every message it receives to every other connection
 * of the handler, on every instance when {@code cyclone.websocket.cluster.enabled=true}
 * (with Redis at {@code spring.data.redis.*}). Not a component, so that the other
 * applications of this module do not pick it up.
 */
@EnableAutoConfiguration
public class BroadcastServer {

	static final String HANDLER = "broadcaster";

	private static final ConnectionSelector EVERY_CONNECTION = ConnectionSelector.handler(HANDLER);

	/**
	 * Starts the server.
	 * @param args Spring Boot arguments, such as {@code --server.port=8080}
	 */
	public static void main(String[] args) {
		SpringApplication application = new SpringApplication(BroadcastServer.class);
		application.setDefaultProperties(Map.of("server.address", "127.0.0.1", "spring.application.name",
				"broadcast-benchmark", "cyclone.websocket.handlers." + HANDLER + ".paths", "/broadcast",
				"management.health.redis.enabled", "false"));
		application.run(args);
	}

	@Bean
	Broadcaster broadcaster(WebSocketConnections connections) {
		return new Broadcaster(connections);
	}

	/** Broadcasts what it receives to the others. */
	static class Broadcaster extends WebSocketHandler {

		private final WebSocketConnections connections;

		Broadcaster(WebSocketConnections connections) {
			this.connections = connections;
		}

		@Override
		protected void messageReceived(String message) {
			this.connections.broadcast(message, EVERY_CONNECTION.excluding(connection()));
		}

	}

}
