package dev.cyclone.websocket.sample;

import dev.cyclone.websocket.CloseReason;
import dev.cyclone.websocket.WebSocketHandler;

import org.springframework.stereotype.Component;

/**
 * The example of cyclone's documentation: echoes every message back.
 */
@Component
public class EchoWebSocket extends WebSocketHandler {

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
