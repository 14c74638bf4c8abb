package dev.cyclone.websocket.test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.cyclone.websocket.CloseReason;
import dev.cyclone.websocket.WebSocketHandler;

/** Handlers such as users write, to test the tester with. */
final class ExampleHandlers {

	private ExampleHandlers() {
	}

	/** The seed's echo, remembering which callbacks ran. */
	static class EchoHandler extends WebSocketHandler {

		final List<String> calls = new CopyOnWriteArrayList<>();

		@Override
		protected void connectionMade() {
			this.calls.add("connectionMade");
		}

		@Override
		protected void messageReceived(String message) {
			this.calls.add("messageReceived " + message);
			sendMessage("You said: " + message);
		}

		@Override
		protected void connectionLost(CloseReason reason) {
			this.calls.add("connectionLost " + reason);
		}

	}

	/**
	 * A chat room member: announces itself and sends every message as JSON to the room of
	 * its path.
	 */
	static class ChatHandler extends WebSocketHandler {

		private String name = "anonymous";

		@Override
		protected void connectionMade() {
			String given = request().queryParameter("name");
			if (given != null) {
				this.name = given;
			}
			sendMessage(Map.of("joined", this.name));
		}

		@Override
		protected void messageReceived(String message) {
			Map<String, Object> json = new LinkedHashMap<>();
			json.put("room", request().pathVariable("room"));
			json.put("from", this.name);
			json.put("text", message);
			sendMessage(json);
		}

	}

	/** A chat message as {@link ChatHandler} sends it. */
	record ChatMessage(String room, String from, String text) {
	}

	/** Refuses connections without a {@code token} query parameter. */
	static class TokenHandler extends WebSocketHandler {

		boolean connectionMadeRan;

		@Override
		protected void headersReceived() {
			if (request().queryParameter("token") == null) {
				forbidConnection("token required");
			}
		}

		@Override
		protected void connectionMade() {
			this.connectionMadeRan = true;
			sendMessage("welcome");
		}

	}

	/** Echoes, and closes with 4001 on "bye". */
	static class ByeHandler extends WebSocketHandler {

		volatile CloseReason lostWith;

		@Override
		protected void messageReceived(String message) {
			if (message.equals("bye")) {
				close(4001, "bye");
			}
			else {
				sendMessage("echo " + message);
			}
		}

		@Override
		protected void connectionLost(CloseReason reason) {
			this.lostWith = reason;
		}

	}

}
