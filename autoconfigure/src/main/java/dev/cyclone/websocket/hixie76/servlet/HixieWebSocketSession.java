package dev.cyclone.websocket.hixie76.servlet;

import java.net.InetSocketAddress;
import java.net.URI;
import java.security.Principal;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import dev.cyclone.websocket.WebSocketProtocol;
import dev.cyclone.websocket.container.SelfWritingSession;
import dev.cyclone.websocket.container.SessionWriter;
import dev.cyclone.websocket.internal.CompactHeaders;

import org.springframework.http.HttpHeaders;
import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.PingMessage;
import org.springframework.web.socket.PongMessage;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketExtension;
import org.springframework.web.socket.adapter.AbstractWebSocketSession;

/**
 * A Hixie-76 or Hixie-75 connection presented as a Spring {@code WebSocketSession}, so
 * that cyclone handlers, plain Spring handlers and Spring's session decorators work over
 * the legacy protocol unchanged. Text only: the drafts have no binary messages and no
 * ping. Written through the connection's outbound queue with {@link #writer()}; its own
 * {@code sendMessage} is not for use.
 */
final class HixieWebSocketSession extends AbstractWebSocketSession<HixieConnection> implements SelfWritingSession {

	private final String id;

	private final String uri;

	private final CompactHeaders handshakeHeaders;

	private final @Nullable Principal principal;

	private final @Nullable InetSocketAddress localAddress;

	private final @Nullable InetSocketAddress remoteAddress;

	private final @Nullable String acceptedProtocol;

	private int textMessageSizeLimit;

	HixieWebSocketSession(HixieHandshake handshake, Map<String, Object> attributes) {
		super(attributes);
		this.id = idGenerator.generateId().toString();
		this.uri = handshake.uri();
		this.handshakeHeaders = handshake.headers();
		this.principal = handshake.principal();
		this.localAddress = handshake.localAddress();
		this.remoteAddress = handshake.remoteAddress();
		this.acceptedProtocol = handshake.subprotocol();
		this.textMessageSizeLimit = handshake.settings().maxMessageSize();
	}

	@Override
	public String getId() {
		return this.id;
	}

	@Override
	public WebSocketProtocol protocol() {
		return getNativeSession().draft().protocol();
	}

	@Override
	public URI getUri() {
		return URI.create(this.uri);
	}

	@Override
	public HttpHeaders getHandshakeHeaders() {
		return this.handshakeHeaders;
	}

	@Override
	public @Nullable Principal getPrincipal() {
		return this.principal;
	}

	@Override
	public @Nullable InetSocketAddress getLocalAddress() {
		return this.localAddress;
	}

	@Override
	public @Nullable InetSocketAddress getRemoteAddress() {
		return this.remoteAddress;
	}

	@Override
	public @Nullable String getAcceptedProtocol() {
		return this.acceptedProtocol;
	}

	@Override
	public void setTextMessageSizeLimit(int messageSizeLimit) {
		this.textMessageSizeLimit = messageSizeLimit;
	}

	@Override
	public int getTextMessageSizeLimit() {
		return this.textMessageSizeLimit;
	}

	@Override
	public void setBinaryMessageSizeLimit(int messageSizeLimit) {
	}

	@Override
	public int getBinaryMessageSizeLimit() {
		return 0;
	}

	@Override
	public List<WebSocketExtension> getExtensions() {
		return List.of();
	}

	@Override
	public boolean isOpen() {
		return getNativeSession().isOpen();
	}

	@Override
	public SessionWriter writer() {
		return new HixieSessionWriter(this, getNativeSession());
	}

	@Override
	protected void sendTextMessage(TextMessage message) {
		throw new IllegalStateException(
				"A " + getNativeSession().draft().protocolName() + " session is written through its outbound queue");
	}

	@Override
	protected void sendBinaryMessage(BinaryMessage message) {
		throw new UnsupportedOperationException(
				getNativeSession().draft().protocolName() + " has no binary messages; binary messages need RFC 6455");
	}

	@Override
	protected void sendPingMessage(PingMessage message) {
		// the Hixie drafts have no ping; the idle timeout covers dead peers
	}

	@Override
	protected void sendPongMessage(PongMessage message) {
		// the Hixie drafts have no pong
	}

	@Override
	protected void closeInternal(CloseStatus status) {
		getNativeSession().close(status);
	}

}
