package dev.cyclone.websocket.hixie76.servlet;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.util.ClassUtils;

/**
 * What the servlet API cannot do for an upgraded legacy connection on a particular container. Nothing on Tomcat,
 * whose servlet upgrade leaves the connection's lifetime to the application and delivers every byte that follows
 * the request head; see {@link JettyContainerSupport} for Jetty.
 */
abstract class ContainerSupport {

	private static final boolean JETTY_PRESENT = ClassUtils.isPresent(
			"org.eclipse.jetty.ee11.servlet.ServletContextRequest", ContainerSupport.class.getClassLoader());

	/** The servlet API is enough. */
	static final ContainerSupport NONE = new ContainerSupport() {

		@Override
		void started() {
		}

		@Override
		boolean readInstead(HixieConnection connection) {
			return false;
		}

		@Override
		void close() {
		}

	};

	/**
	 * The support for the container that serves a request; call before upgrading it.
	 * @param request the handshake request
	 * @return the support, {@link #NONE} when the servlet API is enough
	 */
	static ContainerSupport of(HttpServletRequest request) {
		ContainerSupport jetty = JETTY_PRESENT ? JettyContainerSupport.of(request) : null;
		return (jetty != null) ? jetty : NONE;
	}

	/**
	 * The connection is upgraded: leave its lifetime to the starter's own settings.
	 */
	abstract void started();

	/**
	 * The container's upgraded input stream ended before it delivered a byte; read the connection some other way
	 * when that end is an artefact of the container.
	 * @param connection receives what is read, with {@link HixieConnection#receivedInstead}, and its end
	 * @return whether reading goes on this way; {@code false} when the connection is really at its end
	 */
	abstract boolean readInstead(HixieConnection connection);

	/**
	 * Close what {@link #readInstead} reads from, once the connection's transport is closed.
	 */
	abstract void close();

}
