package dev.cyclone.websocket.cluster;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import dev.cyclone.websocket.ConnectionSelector;
import dev.cyclone.websocket.adapter.BroadcastMessage;

/**
 * The cluster's wire format: one JSON object per message, marked with the field
 * {@code "cyclone-websocket"} holding the format's version, then {@code instance},
 * {@code type} ({@code broadcast}, {@code announce} or {@code goodbye}) and what the type
 * needs. A broadcast carries the time it was queued ({@code queuedAt}, epoch
 * milliseconds), its selector's criteria and either {@code text} or {@code binary}
 * (Base64); an announcement a name, a sequence number and connection counts. Uses a
 * mapper of its own, so that the application's Jackson settings never change what other
 * instances read.
 */
final class ClusterCodec {

	static final String MARKER = "cyclone-websocket";

	static final int VERSION = 1;

	private static final byte[] MARKER_BYTES = ('"' + MARKER + '"').getBytes(StandardCharsets.UTF_8);

	private final JsonMapper mapper = JsonMapper.builder().build();

	byte[] encode(ClusterMessage message) {
		ObjectNode json = this.mapper.createObjectNode();
		json.put(MARKER, VERSION);
		json.put("instance", message.instance());
		if (message instanceof ClusterMessage.Broadcast broadcast) {
			json.put("type", "broadcast");
			json.put("queuedAt", broadcast.queuedAt());
			json.set("selector", encode(broadcast.selector()));
			byte[] binary = broadcast.message().binary();
			if (binary != null) {
				json.put("binary", Base64.getEncoder().encodeToString(binary));
			}
			else {
				json.put("text", broadcast.message().text());
			}
		}
		else if (message instanceof ClusterMessage.Announcement announcement) {
			json.put("type", "announce");
			json.put("name", announcement.name());
			json.put("sequence", announcement.sequence());
			ObjectNode connections = json.putObject("connections");
			announcement.connections().forEach(connections::put);
		}
		else {
			json.put("type", "goodbye");
		}
		return this.mapper.writeValueAsBytes(json);
	}

	private ObjectNode encode(ConnectionSelector selector) {
		ObjectNode json = this.mapper.createObjectNode();
		putIfPresent(json, "handler", selector.handlerName());
		putIfPresent(json, "path", selector.requestPath());
		putAll(json, "pathVariables", selector.pathVariables());
		putIfPresent(json, "principal", selector.principalName());
		putAll(json, "attributes", selector.attributes());
		return json;
	}

	private static void putIfPresent(ObjectNode json, String name, @Nullable String value) {
		if (value != null) {
			json.put(name, value);
		}
	}

	private static void putAll(ObjectNode json, String name, Map<String, String> entries) {
		if (!entries.isEmpty()) {
			ObjectNode object = json.putObject(name);
			entries.forEach(object::put);
		}
	}

	/**
	 * Read a message.
	 * @param bytes what came in on the channel, its size already checked
	 * @return the message
	 * @throws UnreadableMessageException when it is not ours, malformed or of another
	 * version
	 */
	ClusterMessage decode(byte[] bytes) throws UnreadableMessageException {
		JsonNode json;
		try {
			json = this.mapper.readTree(bytes);
		}
		catch (JacksonException ex) {
			throw containsMarker(bytes) ? malformed("not JSON: " + ex.getOriginalMessage())
					: new UnreadableMessageException(DropCause.NOT_OURS, "not JSON");
		}
		if (json == null || !json.isObject() || !json.has(MARKER)) {
			throw new UnreadableMessageException(DropCause.NOT_OURS, "no \"" + MARKER + "\" field");
		}
		JsonNode version = json.get(MARKER);
		if (!version.isInt() || version.intValue() != VERSION) {
			throw new UnreadableMessageException(DropCause.UNKNOWN_VERSION,
					"format version " + version + ", this instance reads " + VERSION);
		}
		String instance = requiredText(json, "instance");
		String type = requiredText(json, "type");
		return switch (type) {
			case "broadcast" -> new ClusterMessage.Broadcast(instance, selector(json.get("selector")), payload(json),
					queuedAt(json.get("queuedAt")));
			case "announce" -> new ClusterMessage.Announcement(instance, requiredText(json, "name"),
					wholeNumber(json.get("sequence")), counts(json.get("connections")));
			case "goodbye" -> new ClusterMessage.Goodbye(instance);
			default -> throw malformed("unknown type \"" + type + "\"");
		};
	}

	private static BroadcastMessage payload(JsonNode json) throws UnreadableMessageException {
		JsonNode text = json.get("text");
		JsonNode binary = json.get("binary");
		if (text != null && text.isString() && binary == null) {
			return BroadcastMessage.text(text.asString());
		}
		if (binary != null && binary.isString() && text == null) {
			try {
				return BroadcastMessage.binary(Base64.getDecoder().decode(binary.asString()));
			}
			catch (IllegalArgumentException ex) {
				throw malformed("binary that is not Base64");
			}
		}
		throw malformed("a broadcast needs either \"text\" or \"binary\", as a string");
	}

	private static ConnectionSelector selector(@Nullable JsonNode json) throws UnreadableMessageException {
		if (json == null || !json.isObject()) {
			throw malformed("a broadcast needs a \"selector\" object");
		}
		return ConnectionSelector.of(optionalText(json, "handler"), optionalText(json, "path"),
				texts(json.get("pathVariables")), optionalText(json, "principal"), texts(json.get("attributes")));
	}

	private static Map<String, String> texts(@Nullable JsonNode json) throws UnreadableMessageException {
		Map<String, String> texts = new LinkedHashMap<>();
		if (json != null) {
			if (!json.isObject()) {
				throw malformed("selector criteria must be objects");
			}
			for (Map.Entry<String, JsonNode> entry : json.properties()) {
				if (!entry.getValue().isString()) {
					throw malformed("selector value of \"" + entry.getKey() + "\" is not a string");
				}
				texts.put(entry.getKey(), entry.getValue().asString());
			}
		}
		return texts;
	}

	private static long queuedAt(@Nullable JsonNode json) throws UnreadableMessageException {
		long queuedAt = wholeNumber(json);
		if (queuedAt == 0) {
			throw malformed("a broadcast needs \"queuedAt\", the time it was queued");
		}
		return queuedAt;
	}

	/** A non-negative whole number, 0 when absent. */
	private static long wholeNumber(@Nullable JsonNode json) throws UnreadableMessageException {
		if (json == null) {
			return 0;
		}
		if (!json.isIntegralNumber() || !json.canConvertToLong() || json.longValue() < 0) {
			throw malformed("a sequence number or time that is not a non-negative whole number: " + json);
		}
		return json.longValue();
	}

	private static Map<String, Integer> counts(@Nullable JsonNode json) throws UnreadableMessageException {
		if (json == null || !json.isObject()) {
			throw malformed("an announcement needs a \"connections\" object");
		}
		Map<String, Integer> counts = new LinkedHashMap<>();
		for (Map.Entry<String, JsonNode> entry : json.properties()) {
			if (!entry.getValue().isInt() || entry.getValue().asInt() < 0) {
				throw malformed("connection count of \"" + entry.getKey() + "\" is not a count");
			}
			counts.put(entry.getKey(), entry.getValue().asInt());
		}
		return counts;
	}

	private static String requiredText(JsonNode json, String name) throws UnreadableMessageException {
		String text = optionalText(json, name);
		if (text == null || text.isEmpty()) {
			throw malformed("no \"" + name + "\"");
		}
		return text;
	}

	private static @Nullable String optionalText(JsonNode json, String name) throws UnreadableMessageException {
		JsonNode value = json.get(name);
		if (value == null || value.isNull()) {
			return null;
		}
		if (!value.isString()) {
			throw malformed("\"" + name + "\" is not a string");
		}
		return value.asString();
	}

	private static UnreadableMessageException malformed(String what) {
		return new UnreadableMessageException(DropCause.MALFORMED, what);
	}

	private static boolean containsMarker(byte[] bytes) {
		outer: for (int i = 0; i <= bytes.length - MARKER_BYTES.length; i++) {
			for (int j = 0; j < MARKER_BYTES.length; j++) {
				if (bytes[i + j] != MARKER_BYTES[j]) {
					continue outer;
				}
			}
			return true;
		}
		return false;
	}

}
