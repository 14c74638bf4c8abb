package dev.cyclone.websocket.container.tomcat;

import java.lang.reflect.Field;

import org.apache.tomcat.util.net.SocketWrapperBase;
import org.apache.tomcat.websocket.WsRemoteEndpointImplBase;
import org.apache.tomcat.websocket.WsSession;
import org.apache.tomcat.websocket.server.WsRemoteEndpointImplServer;
import org.jspecify.annotations.Nullable;

/**
 * The output side of a Tomcat WebSocket session: its socket, and whether its close frame
 * has been sent. Tomcat keeps both in private fields (the session's remote endpoint, that
 * endpoint's socket wrapper and its {@code closed} flag, which it sets before it writes
 * the close frame), read here by reflection; when a Tomcat release renames them, no
 * session has an endpoint, which is logged once, and writes go through Tomcat's
 * asynchronous send.
 */
final class TomcatEndpoint {

	private static final String WITHOUT = "RFC 6455 messages on Tomcat go through its asynchronous send, "
			+ "which is slower";

	private static final @Nullable Field remoteEndpoint = PrivateFields.find(WsSession.class, "wsRemoteEndpoint",
			WITHOUT);

	private static final @Nullable Field socketWrapper = PrivateFields.find(WsRemoteEndpointImplServer.class,
			"socketWrapper", WITHOUT);

	private static final @Nullable Field closed = PrivateFields.find(WsRemoteEndpointImplBase.class, "closed", WITHOUT);

	private final WsRemoteEndpointImplServer endpoint;

	private final SocketWrapperBase<?> socket;

	private TomcatEndpoint(WsRemoteEndpointImplServer endpoint, SocketWrapperBase<?> socket) {
		this.endpoint = endpoint;
		this.socket = socket;
	}

	/**
	 * The output side of a session.
	 * @param session a server session
	 * @return its endpoint, or {@code null} when it cannot be found
	 */
	static @Nullable TomcatEndpoint of(WsSession session) {
		if (remoteEndpoint == null || socketWrapper == null || closed == null) {
			return null;
		}
		try {
			return (remoteEndpoint.get(session) instanceof WsRemoteEndpointImplServer endpoint
					&& socketWrapper.get(endpoint) instanceof SocketWrapperBase<?> socket)
							? new TomcatEndpoint(endpoint, socket) : null;
		}
		catch (IllegalAccessException ex) {
			return null;
		}
	}

	/**
	 * @return the session's remote endpoint
	 */
	WsRemoteEndpointImplServer remoteEndpoint() {
		return this.endpoint;
	}

	/**
	 * @return the socket the session writes to
	 */
	SocketWrapperBase<?> socket() {
		return this.socket;
	}

	/**
	 * @return whether Tomcat has started writing the session's close frame: no data frame
	 * may follow
	 */
	boolean closeFrameStarted() {
		try {
			return closed != null && closed.getBoolean(this.endpoint);
		}
		catch (IllegalAccessException ex) {
			return true;
		}
	}

}
