package dev.cyclone.websocket.adapter;

import java.util.Arrays;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * A broadcast as it goes out: text (a {@code String}, or a value encoded once as JSON) or
 * binary, for RFC 6455 connections only.
 */
public final class BroadcastMessage {

	private final @Nullable String text;

	private final byte @Nullable [] binary;

	private BroadcastMessage(@Nullable String text, byte @Nullable [] binary) {
		this.text = text;
		this.binary = binary;
	}

	/**
	 * @param text the text
	 * @return a text message
	 */
	public static BroadcastMessage text(String text) {
		return new BroadcastMessage(Objects.requireNonNull(text, "text"), null);
	}

	/**
	 * @param binary the bytes, not copied
	 * @return a binary message
	 */
	public static BroadcastMessage binary(byte[] binary) {
		return new BroadcastMessage(null, Objects.requireNonNull(binary, "binary"));
	}

	/**
	 * The message a broadcast of this value sends, by the rule of
	 * {@code WebSocketHandler.sendMessage(Object)}.
	 * @param value a {@code String}, a {@code byte[]} (copied) or a value to encode
	 * @param jsonMapper the encoder of other values
	 * @return the message
	 */
	static BroadcastMessage of(Object value, JsonMapper jsonMapper) {
		if (value instanceof byte[] bytes) {
			return binary(bytes.clone());
		}
		return text((value instanceof String string) ? string : jsonMapper.writeValueAsString(value));
	}

	/**
	 * @return the text, {@code null} for a binary message
	 */
	public @Nullable String text() {
		return this.text;
	}

	/**
	 * @return the bytes, {@code null} for a text message; not to be modified
	 */
	public byte @Nullable [] binary() {
		return this.binary;
	}

	@Override
	public boolean equals(@Nullable Object other) {
		return other instanceof BroadcastMessage that && Objects.equals(this.text, that.text)
				&& Arrays.equals(this.binary, that.binary);
	}

	@Override
	public int hashCode() {
		return Objects.hashCode(this.text) * 31 + Arrays.hashCode(this.binary);
	}

	@Override
	public String toString() {
		return (this.text != null) ? "text of " + this.text.length() + " chars"
				: "binary of " + Objects.requireNonNull(this.binary).length + " bytes";
	}

}
