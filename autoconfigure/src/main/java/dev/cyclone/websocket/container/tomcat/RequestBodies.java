package dev.cyclone.websocket.container.tomcat;

import java.lang.reflect.Field;

import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletRequestWrapper;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.RequestFacade;
import org.apache.coyote.ActionCode;
import org.apache.tomcat.util.buf.ByteChunk;
import org.jspecify.annotations.Nullable;

/**
 * Leaves the body of an upgraded request on the connection. Tomcat would otherwise read
 * (swallow) the declared body when the request ends, before it hands the socket over,
 * blocking a container thread until the client has sent it all. Told that the request's
 * body was replaced by an empty one (the action Tomcat's FORM authentication uses), it
 * reads nothing, and the body's bytes reach the upgraded connection first. The servlet
 * request's Tomcat request is kept in a protected field of its facade, read here by
 * reflection; when a Tomcat release renames it, this is logged once and the body is left
 * to Tomcat.
 */
final class RequestBodies {

	private static final @Nullable Field facadeRequest = PrivateFields.find(RequestFacade.class, "request",
			"Tomcat will read the body of legacy handshakes before the upgrade, holding a thread until it has come");

	private RequestBodies() {
	}

	/**
	 * Leave a request's body unread for the connection it upgrades to.
	 * @param request the servlet request, possibly wrapped
	 * @return whether Tomcat will leave the body unread
	 */
	static boolean leaveOnConnection(ServletRequest request) {
		ServletRequest unwrapped = request;
		while (unwrapped instanceof ServletRequestWrapper wrapper) {
			unwrapped = wrapper.getRequest();
		}
		if (facadeRequest == null || !(unwrapped instanceof RequestFacade facade)) {
			return false;
		}
		try {
			if (facadeRequest.get(facade) instanceof Request tomcatRequest) {
				tomcatRequest.getCoyoteRequest().action(ActionCode.REQ_SET_BODY_REPLAY, new ByteChunk());
				return true;
			}
			return false;
		}
		catch (IllegalAccessException ex) {
			return false;
		}
	}

}
