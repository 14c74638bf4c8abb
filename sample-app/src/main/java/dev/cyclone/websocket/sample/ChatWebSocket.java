package dev.cyclone.websocket.sample;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.cyclone.websocket.CloseReason;
import dev.cyclone.websocket.ConnectionSelector;
import dev.cyclone.websocket.WebSocketConnections;
import dev.cyclone.websocket.WebSocketHandler;

import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

/**
 * A chat room like cyclone's chat demo: each connection joins the room named by its path
 * ({@code /chat/{room}}) as the {@code name} query parameter says, and every message,
 * join and leave goes to everybody in the room as JSON: {@code {"type": "message",
 * "from": ..., "text": ..., "at": ...}}. The room is the registry of connections: no
 * hand-written list of clients; with {@code cyclone.websocket.cluster.enabled=true} and a
 * Redis, it spans every instance of the application.
 */
@Component
public class ChatWebSocket extends WebSocketHandler {

	private final WebSocketConnections connections;

	private final Clock clock;

	private String room;

	private String name;

	public ChatWebSocket(WebSocketConnections connections, Clock clock) {
		this.connections = connections;
		this.clock = clock;
	}

	@Override
	protected void connectionMade() {
		this.room = request().pathVariable("room");
		String requested = request().queryParameter("name");
		this.name = StringUtils.hasText(requested) ? requested.strip() : "guest-" + connection().id().substring(0, 4);
		announce("join", this.name + " joined");
	}

	@Override
	protected void messageReceived(String message) {
		this.connections.broadcast(event("message", this.name, message), inRoom());
	}

	@Override
	protected void connectionLost(CloseReason reason) {
		announce("leave", this.name + " left");
	}

	private void announce(String type, String text) {
		this.connections.broadcast(event(type, this.room, text), inRoom());
	}

	/**
	 * Everybody in this room, on every instance of the application when the cluster is
	 * enabled.
	 */
	private ConnectionSelector inRoom() {
		return ConnectionSelector.handler("chatWebSocket").withPathVariable("room", this.room);
	}

	private Map<String, Object> event(String type, String from, String text) {
		Map<String, Object> event = new LinkedHashMap<>();
		event.put("type", type);
		event.put("from", from);
		event.put("text", text);
		event.put("at", this.clock.instant().toString());
		return event;
	}

}
