package dev.cyclone.websocket.container;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.socket.WebSocketSession;

/**
 * The container layer on a servlet container other than Tomcat and Jetty (an application
 * deployed to another server): RFC 6455 as the container and Spring serve it, with the
 * container's own idle timeout and close handling; no legacy drafts, whose connections
 * need a container that can close them from any thread.
 */
public final class UnknownServletContainer implements ServletContainer {

	@Override
	public boolean servesLegacyConnections() {
		return false;
	}

	@Override
	public CompletableFuture<Void> upgrade(HttpServletRequest request, HttpServletResponse response,
			UpgradedConnectionListener listener) throws IOException {
		throw new IOException("Legacy WebSocket connections need Tomcat or Jetty, not "
				+ request.getServletContext().getServerInfo());
	}

	@Override
	public void abort(WebSocketSession session) {
	}

}
