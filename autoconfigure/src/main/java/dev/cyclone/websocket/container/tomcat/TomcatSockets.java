package dev.cyclone.websocket.container.tomcat;

import java.lang.reflect.Field;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.apache.tomcat.util.net.SocketWrapperBase;
import org.apache.tomcat.websocket.WsSession;
import org.apache.tomcat.websocket.server.WsRemoteEndpointImplServer;
import org.jspecify.annotations.Nullable;

/**
 * Finds the socket of a Tomcat WebSocket session. Tomcat keeps it in private fields (the session's remote endpoint,
 * and that endpoint's socket wrapper), read here once by reflection; when a Tomcat release renames them, every
 * session has no socket found, which is logged once, and its writes go through Tomcat's asynchronous send.
 */
final class TomcatSockets {

	private static final Log logger = LogFactory.getLog(TomcatSockets.class);

	private static final @Nullable Field remoteEndpoint = accessibleField(WsSession.class, "wsRemoteEndpoint");

	private static final @Nullable Field socketWrapper = accessibleField(WsRemoteEndpointImplServer.class,
			"socketWrapper");

	private TomcatSockets() {
	}

	/**
	 * The socket a session writes to.
	 * @param session a server session
	 * @return its socket, or {@code null} when it cannot be found
	 */
	static @Nullable SocketWrapperBase<?> of(WsSession session) {
		if (remoteEndpoint == null || socketWrapper == null) {
			return null;
		}
		try {
			return (remoteEndpoint.get(session) instanceof WsRemoteEndpointImplServer endpoint
					&& socketWrapper.get(endpoint) instanceof SocketWrapperBase<?> socket) ? socket : null;
		}
		catch (IllegalAccessException ex) {
			return null;
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
