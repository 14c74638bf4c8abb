package dev.cyclone.websocket.handshake;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.cyclone.websocket.WebSocketProtocol;
import dev.cyclone.websocket.adapter.ConnectionSettings;
import dev.cyclone.websocket.adapter.MessageSizes;
import dev.cyclone.websocket.adapter.OutboundSession;
import dev.cyclone.websocket.metrics.WebSocketMetrics;

import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.WebSocketHandlerDecorator;

/**
 * Gives every connection of one mapped handler its one outbound path
 * ({@link OutboundSession}, the session the handler sees, whatever the protocol and
 * whether the handler is a cyclone or a plain Spring one), and tells
 * {@link ConnectionLimits}, {@link ConnectionSupervisor} and the metrics about it:
 * counted from the moment it opens until it closes, watched and measured for inbound
 * traffic. Its lifetime is the starter's to decide: the supervisor has the container
 * layer switch the container's own idle timeout off.
 */
public final class ConnectionTrackingHandler extends WebSocketHandlerDecorator {

	private final ConnectionLimits limits;

	private final ConnectionSupervisor supervisor;

	private final WebSocketMetrics metrics;

	private final String handlerName;

	private final ConnectionSettings settings;

	/**
	 * Each open connection's outbound path and activity, by the session the transport
	 * presents.
	 */
	private final Map<WebSocketSession, Tracked> tracked = new ConcurrentHashMap<>();

	/**
	 * Decorate a handler.
	 * @param delegate the handler
	 * @param limits the shared limits
	 * @param supervisor the shared idle and keepalive supervisor
	 * @param handlerName the handler's bean name
	 * @param settings what the connections share: outbound limits, metrics, the container
	 * layer
	 */
	public ConnectionTrackingHandler(WebSocketHandler delegate, ConnectionLimits limits,
			ConnectionSupervisor supervisor, String handlerName, ConnectionSettings settings) {
		super(delegate);
		this.limits = limits;
		this.supervisor = supervisor;
		this.metrics = settings.metrics();
		this.handlerName = handlerName;
		this.settings = settings;
	}

	@Override
	public void afterConnectionEstablished(WebSocketSession session) throws Exception {
		OutboundSession outboundSession = new OutboundSession(session, this.handlerName, this.settings);
		WebSocketProtocol protocol = outboundSession.protocol();
		this.limits.opened(this.handlerName, protocol);
		this.metrics.connectionOpened(this.handlerName, protocol);
		this.tracked.put(session, new Tracked(outboundSession, this.supervisor.opened(outboundSession)));
		super.afterConnectionEstablished(outboundSession);
	}

	@Override
	public void handleMessage(WebSocketSession session, WebSocketMessage<?> message) throws Exception {
		Tracked connection = this.tracked.get(session);
		if (connection == null) {
			super.handleMessage(session, message);
			return;
		}
		connection.activity().received();
		if (message instanceof TextMessage || message instanceof BinaryMessage) {
			connection.outbound().meters().received(MessageSizes.of(message), message.isLast());
			if (!message.isLast()) {
				this.settings.container().messageArrivesInParts(session);
			}
		}
		super.handleMessage(connection.outbound(), message);
	}

	@Override
	public void handleTransportError(WebSocketSession session, Throwable exception) throws Exception {
		super.handleTransportError(outboundOf(session), exception);
	}

	@Override
	public void afterConnectionClosed(WebSocketSession session, CloseStatus closeStatus) throws Exception {
		Tracked connection = this.tracked.remove(session);
		if (connection == null) {
			super.afterConnectionClosed(session, closeStatus);
			return;
		}
		OutboundSession outboundSession = connection.outbound();
		outboundSession.discard();
		WebSocketProtocol protocol = outboundSession.protocol();
		this.limits.closed(this.handlerName, protocol);
		this.supervisor.closed(outboundSession);
		this.metrics.connectionClosed(this.handlerName, protocol, closeStatus.getCode());
		super.afterConnectionClosed(outboundSession, closeStatus);
	}

	private WebSocketSession outboundOf(WebSocketSession session) {
		Tracked connection = this.tracked.get(session);
		return (connection != null) ? connection.outbound() : session;
	}

	/**
	 * An open connection: its outbound path, and its activity as the supervisor watches
	 * it.
	 */
	private record Tracked(OutboundSession outbound, ConnectionSupervisor.Activity activity) {

	}

}
