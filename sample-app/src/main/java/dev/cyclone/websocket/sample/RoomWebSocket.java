package dev.cyclone.websocket.sample;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.cyclone.websocket.WebSocketHandler;

import org.springframework.stereotype.Component;

/**
 * Answers every message with a JSON object naming the room from the path
 * ({@code /rooms/{room}}), the message, its number on this connection and the time:
 * {@code sendMessage(Map)}, a path variable, per-connection state and an injected bean.
 */
@Component
public class RoomWebSocket extends WebSocketHandler {

	private final Clock clock;

	private int received;

	public RoomWebSocket(Clock clock) {
		this.clock = clock;
	}

	@Override
	protected void messageReceived(String message) {
		this.received++;
		Map<String, Object> reply = new LinkedHashMap<>();
		reply.put("room", request().pathVariable("room"));
		reply.put("text", message);
		reply.put("count", this.received);
		reply.put("at", this.clock.instant().toString());
		sendMessage(reply);
	}

}
