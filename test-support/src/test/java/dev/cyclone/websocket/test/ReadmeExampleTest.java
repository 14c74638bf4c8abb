package dev.cyclone.websocket.test;

import org.junit.jupiter.api.Test;

import dev.cyclone.websocket.CloseReason;
import dev.cyclone.websocket.WebSocketHandler;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's "Testing your handlers" example, as written there, on the README's
 * {@code EchoWebSocket}.
 */
class ReadmeExampleTest {

	@Test
	void answersEveryMessage() {
		WebSocketHandlerTester<EchoWebSocket> echo = WebSocketHandlerTester.of(new EchoWebSocket()).connect();

		echo.receive("Hello, world");

		assertThat(echo.sentMessages()).containsExactly("You said: Hello, world");
		assertThat(echo.isClosed()).isFalse();
		echo.disconnect();
	}

	static class EchoWebSocket extends WebSocketHandler {

		@Override
		protected void connectionMade() {
			log.info("WebSocket connected");
		}

		@Override
		protected void messageReceived(String message) {
			sendMessage("You said: " + message);
		}

		@Override
		protected void connectionLost(CloseReason reason) {
			log.info("WebSocket disconnected");
		}

	}

}
