package dev.cyclone.websocket.wire;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.IntStream;

import org.jspecify.annotations.Nullable;

import dev.cyclone.websocket.CloseReason;
import dev.cyclone.websocket.WebSocketConnections;
import dev.cyclone.websocket.WebSocketHandler;
import dev.cyclone.websocket.support.AutoConfigurationWithoutSecurity;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.TextWebSocketHandler;
import org.springframework.web.socket.server.HandshakeInterceptor;

/**
 * The application the wire tests talk to: one handler per behaviour under test. Its
 * mapping is in {@code application-wire.yml}.
 */
@SpringBootConfiguration
@AutoConfigurationWithoutSecurity
class WireTestApplication {

	@Bean
	Recorder recorder() {
		return new Recorder();
	}

	@Bean
	EchoHandler echo(Recorder recorder) {
		return new EchoHandler(recorder);
	}

	@Bean
	EchoHandler modernEcho(Recorder recorder) {
		return new EchoHandler(recorder);
	}

	@Bean
	RoomHandler room() {
		return new RoomHandler();
	}

	@Bean
	InfoHandler info() {
		return new InfoHandler();
	}

	@Bean
	GuardedHandler guarded() {
		return new GuardedHandler();
	}

	@Bean
	BurstHandler burst() {
		return new BurstHandler();
	}

	@Bean
	FloodLog floodLog() {
		return new FloodLog();
	}

	@Bean
	FloodHandler flood(FloodLog floodLog) {
		return new FloodHandler(floodLog);
	}

	@Bean
	GreeterHandler greeter(WebSocketConnections connections, Recorder recorder) {
		return new GreeterHandler(connections, recorder);
	}

	@Bean
	CloserHandler closer(Recorder recorder) {
		return new CloserHandler(recorder);
	}

	@Bean
	SpringEchoHandler springEcho() {
		return new SpringEchoHandler();
	}

	@Bean
	HandshakeInterceptor tagInterceptor() {
		return new HandshakeInterceptor() {
			@Override
			public boolean beforeHandshake(ServerHttpRequest request, ServerHttpResponse response,
					org.springframework.web.socket.WebSocketHandler wsHandler, Map<String, Object> attributes) {
				attributes.put("tag", "intercepted");
				return true;
			}

			@Override
			public void afterHandshake(ServerHttpRequest request, ServerHttpResponse response,
					org.springframework.web.socket.WebSocketHandler wsHandler, Exception exception) {
			}
		};
	}

	/**
	 * Echoes; counts messages per connection; throws on "boom"; closes on "close";
	 * records its lifecycle.
	 */
	static class EchoHandler extends WebSocketHandler {

		private final Recorder recorder;

		private int count;

		EchoHandler(Recorder recorder) {
			this.recorder = recorder;
		}

		@Override
		protected void connectionMade() {
			this.recorder.made(connection().id());
		}

		@Override
		protected void messageReceived(String message) {
			this.count++;
			switch (message) {
				case "boom" -> throw new IllegalStateException("boom requested");
				case "close" -> close(4001, "asked to");
				case "count" -> sendMessage(String.valueOf(this.count));
				case "id" -> sendMessage(connection().id());
				case "ping" -> sendMessage("ping queued: " + ping());
				default -> sendMessage("You said: " + message);
			}
		}

		@Override
		protected void pongReceived(byte[] payload) {
			this.recorder.pongs.add(connection().id());
		}

		@Override
		protected void connectionLost(CloseReason reason) {
			this.recorder.lost(connection().id(), reason);
			this.recorder.sendAfterLost.put(connection().id(), sendMessage("too late"));
		}

	}

	/**
	 * Sends at once, as handlers do: a welcome in {@code connectionMade}, a "joined"
	 * notice to every connection on the same path (its own included) on join, recording
	 * how many queued it, and an echo of every message.
	 */
	static class GreeterHandler extends WebSocketHandler {

		private final WebSocketConnections connections;

		private final Recorder recorder;

		GreeterHandler(WebSocketConnections connections, Recorder recorder) {
			this.connections = connections;
			this.recorder = recorder;
		}

		@Override
		protected void connectionMade() {
			sendMessage("welcome");
			String path = request().path();
			int queued = this.connections.broadcast("joined", (connection) -> path.equals(connection.request().path()));
			this.recorder.broadcastsQueued.merge(path, queued, Integer::sum);
		}

		@Override
		protected void messageReceived(String message) {
			sendMessage("echo " + message);
		}

	}

	/**
	 * Sends a last word and closes with 4002 in {@code connectionMade}, as a handler
	 * refusing a client after all does.
	 */
	static class CloserHandler extends WebSocketHandler {

		private final Recorder recorder;

		CloserHandler(Recorder recorder) {
			this.recorder = recorder;
		}

		@Override
		protected void connectionMade() {
			this.recorder.made(connection().id());
			sendMessage("bye");
			close(4002, "done");
		}

		@Override
		protected void connectionLost(CloseReason reason) {
			this.recorder.lost(connection().id(), reason);
		}

	}

	/** Answers with JSON naming the room of its path. */
	static class RoomHandler extends WebSocketHandler {

		@Override
		protected void messageReceived(String message) {
			Map<String, Object> reply = new LinkedHashMap<>();
			reply.put("room", request().pathVariable("room"));
			reply.put("text", message);
			reply.put("numbers", new int[] { 1, 2, 3 });
			sendMessage(reply);
		}

	}

	/** Answers a question about its connection. */
	static class InfoHandler extends WebSocketHandler {

		@Override
		protected void messageReceived(String message) {
			Object answer = switch (message) {
				case "header" -> request().header("X-Test");
				case "query" -> request().queryParameter("q");
				case "cookie" -> request().cookie("session");
				case "remote" -> request().remoteAddress().getAddress().getHostAddress();
				case "protocol" -> connection().protocol().id();
				case "subprotocol" -> String.valueOf(connection().subprotocol());
				case "attribute" -> connection().attributes().get("tag");
				case "attributes" -> new java.util.TreeSet<>(connection().attributes().keySet()).toString();
				case "binary" -> sendBinary();
				default -> message.startsWith("close ") ? close(message.substring(6)) : "unknown question " + message;
			};
			if (answer != null) {
				sendMessage(String.valueOf(answer));
			}
		}

		/** Close with the code asked for, or answer why it may not be sent. */
		private @Nullable String close(String code) {
			try {
				close(Integer.parseInt(code), "asked");
				return null;
			}
			catch (IllegalArgumentException ex) {
				return ex.getMessage();
			}
		}

		private String sendBinary() {
			try {
				return "binary queued: " + sendMessage(new byte[] { 1, 2, 3 });
			}
			catch (UnsupportedOperationException ex) {
				return ex.getMessage();
			}
		}

	}

	/** Refuses connections without {@code ?token=secret}. */
	static class GuardedHandler extends WebSocketHandler {

		@Override
		protected void headersReceived() {
			if (!"secret".equals(request().queryParameter("token"))) {
				forbidConnection("A valid token is required");
			}
		}

		@Override
		protected void messageReceived(String message) {
			sendMessage("welcome " + message);
		}

	}

	/** On "burst", sends 1,000 messages from 8 threads at once. */
	static class BurstHandler extends WebSocketHandler {

		@Override
		protected void messageReceived(String message) {
			Thread[] threads = IntStream.range(0, 8).mapToObj((t) -> new Thread(() -> {
				for (int i = 0; i < 125; i++) {
					sendMessage(t + ":" + i + ":" + "x".repeat(200));
				}
			})).toArray(Thread[]::new);
			for (Thread thread : threads) {
				thread.start();
			}
		}

	}

	/**
	 * On "flood", starts a thread that sends {@link FloodLog#MESSAGE_SIZE}-character
	 * messages, one a millisecond, until {@code sendMessage} returns {@code false} or
	 * {@link FloodLog#MAX_OFFERED} bytes were offered; records in the {@link FloodLog}
	 * what the sends returned and what {@code connectionLost} was told.
	 */
	static class FloodHandler extends WebSocketHandler {

		private final FloodLog log;

		FloodHandler(FloodLog log) {
			this.log = log;
		}

		@Override
		protected void messageReceived(String message) {
			if (!"flood".equals(message)) {
				return;
			}
			FloodLog.Flood flood = this.log.start(connection().id(), connection().protocol().id());
			String payload = "f".repeat(FloodLog.MESSAGE_SIZE);
			Thread sender = new Thread(() -> {
				long offered = 0;
				while (offered < FloodLog.MAX_OFFERED) {
					offered += payload.length();
					if (!sendMessage(payload)) {
						flood.refused.set(true);
						break;
					}
					flood.accepted.incrementAndGet();
					pause();
				}
				flood.finished.set(true);
			}, "flood-" + connection().id());
			sender.setDaemon(true);
			sender.start();
		}

		/**
		 * About 16 MB/s: a peer that reads keeps up on loopback, so what fills the
		 * buffers is a peer that does not read, not a sender faster than the network.
		 */
		private static void pause() {
			try {
				Thread.sleep(1);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}

		@Override
		protected void connectionLost(CloseReason reason) {
			this.log.lost(connection().id(), reason);
		}

	}

	/** A plain Spring handler, shared by its connections. */
	static class SpringEchoHandler extends TextWebSocketHandler {

		@Override
		protected void handleTextMessage(WebSocketSession session, TextMessage message) throws Exception {
			session.sendMessage(new TextMessage("spring: " + message.getPayload()));
		}

	}

}
