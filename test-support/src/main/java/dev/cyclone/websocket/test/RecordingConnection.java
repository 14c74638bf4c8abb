package dev.cyclone.websocket.test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import dev.cyclone.websocket.CloseReason;
import dev.cyclone.websocket.HandshakeRequest;
import dev.cyclone.websocket.WebSocketConnection;
import dev.cyclone.websocket.WebSocketProtocol;

import org.springframework.util.Assert;

/**
 * A {@link WebSocketConnection} that writes nothing anywhere: it records what the handler
 * sends, in order, and behaves as the server's connection does for the handler (sends
 * refused once closed, no binary messages and no pings on the Hixie drafts, the first
 * close wins). Thread-safe: every method may be called from any thread.
 */
final class RecordingConnection implements WebSocketConnection {

	private final String id;

	private final String handlerName;

	private final WebSocketProtocol protocol;

	private final HandshakeRequest request;

	private final @Nullable String subprotocol;

	private final Map<String, Object> attributes;

	private final JsonMapper jsonMapper;

	private final Object monitor = new Object();

	private final List<String> texts = new ArrayList<>();

	private final List<byte[]> binaries = new ArrayList<>();

	private int pings;

	private int nextText;

	private @Nullable CloseReason closeReason;

	private boolean lost;

	RecordingConnection(String id, String handlerName, WebSocketProtocol protocol, HandshakeRequest request,
			@Nullable String subprotocol, Map<String, Object> attributes, JsonMapper jsonMapper) {
		this.id = id;
		this.handlerName = handlerName;
		this.protocol = protocol;
		this.request = request;
		this.subprotocol = subprotocol;
		this.attributes = attributes;
		this.jsonMapper = jsonMapper;
	}

	@Override
	public String id() {
		return this.id;
	}

	@Override
	public String handlerName() {
		return this.handlerName;
	}

	@Override
	public WebSocketProtocol protocol() {
		return this.protocol;
	}

	@Override
	public HandshakeRequest request() {
		return this.request;
	}

	@Override
	public @Nullable String subprotocol() {
		return this.subprotocol;
	}

	@Override
	public Map<String, Object> attributes() {
		return this.attributes;
	}

	@Override
	public boolean isOpen() {
		synchronized (this.monitor) {
			return this.closeReason == null && !this.lost;
		}
	}

	@Override
	public boolean sendText(String text) {
		Assert.notNull(text, "Text message must not be null");
		synchronized (this.monitor) {
			if (!isOpen()) {
				return false;
			}
			this.texts.add(text);
			this.monitor.notifyAll();
			return true;
		}
	}

	@Override
	public boolean sendBinary(byte[] data) {
		Assert.notNull(data, "Binary message must not be null");
		if (this.protocol != WebSocketProtocol.RFC_6455) {
			throw new UnsupportedOperationException("Connection " + this.id + " speaks " + this.protocol
					+ ", which has no binary messages; binary messages need RFC 6455");
		}
		synchronized (this.monitor) {
			if (!isOpen()) {
				return false;
			}
			this.binaries.add(data.clone());
			return true;
		}
	}

	@Override
	public boolean sendJson(Object value) {
		return sendText(this.jsonMapper.writeValueAsString(value));
	}

	@Override
	public boolean ping(byte[] payload) {
		if (this.protocol != WebSocketProtocol.RFC_6455) {
			return false;
		}
		synchronized (this.monitor) {
			if (!isOpen()) {
				return false;
			}
			this.pings++;
			return true;
		}
	}

	@Override
	public void close(CloseReason reason) {
		Assert.notNull(reason, "Close reason must not be null");
		CloseReason.requireSendable(reason.code(), reason.reason());
		synchronized (this.monitor) {
			if (isOpen()) {
				this.closeReason = reason;
			}
		}
	}

	/**
	 * The connection is gone: sends are refused from now on, and a close has no effect.
	 */
	void lost() {
		synchronized (this.monitor) {
			this.lost = true;
		}
	}

	List<String> texts() {
		synchronized (this.monitor) {
			return List.copyOf(this.texts);
		}
	}

	List<byte[]> binaries() {
		synchronized (this.monitor) {
			return this.binaries.stream().map(byte[]::clone).toList();
		}
	}

	int pings() {
		synchronized (this.monitor) {
			return this.pings;
		}
	}

	@Nullable CloseReason closeReason() {
		synchronized (this.monitor) {
			return this.closeReason;
		}
	}

	/**
	 * Take the first text message not taken yet, waiting up to the timeout for one to be
	 * sent.
	 * @param timeout how long to wait; zero to not wait
	 * @return the message, or {@code null} when none was sent in time (or the waiting
	 * thread was interrupted)
	 */
	@Nullable String nextText(Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		synchronized (this.monitor) {
			while (this.nextText >= this.texts.size()) {
				long remaining = deadline - System.nanoTime();
				if (remaining <= 0) {
					return null;
				}
				try {
					Duration wait = Duration.ofNanos(remaining);
					this.monitor.wait(Math.max(1, wait.toMillis()));
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					return null;
				}
			}
			return this.texts.get(this.nextText++);
		}
	}

	@Override
	public String toString() {
		return "Connection " + this.id + " (" + this.protocol + ", handler '" + this.handlerName + "', recording)";
	}

}
