package dev.cyclone.websocket.benchmarks;

import java.io.IOException;

import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.TextWebSocketHandler;

/**
 * A plain Spring {@code TextWebSocketHandler} that does the sample's
 * {@code EchoWebSocket} work: answers every text message with
 * {@code "You said: " + message}.
 */
class SpringEchoHandler extends TextWebSocketHandler {

	@Override
	protected void handleTextMessage(WebSocketSession session, TextMessage message) throws IOException {
		session.sendMessage(new TextMessage("You said: " + message.getPayload()));
	}

}
