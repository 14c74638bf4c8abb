package dev.cyclone.websocket.container.tomcat;

import java.lang.reflect.Field;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
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

	private static final Log logger = LogFactory.getLog(TomcatEndpoint.class);

	private static final @Nullable Field remoteEndpoint = accessibleField(WsSession.class, "wsRemoteEndpoint");

	private static final @Nullable Field socketWrapper = accessibleField(WsRemoteEndpointImplServer.class,
			"socketWrapper");

	private static final @Nullable Field closed = accessibleField(WsRemoteEndpointImplBase.class, "closed");

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

	private static @Nullable Field accessibleField(Class<?> type, String name) {
		try {
			Field field = type.getDeclaredField(name);
			field.setAccessible(true);
			return field;
		}
		catch (ReflectiveOperationException | RuntimeException ex) {
			logger.warn("RFC 6455 messages on Tomcat go through its asynchronous send, which is slower: this Tomcat "
					+ "has no field " + type.getName() + "." + name + " (" + ex + ")");
			return null;
		}
	}

}
