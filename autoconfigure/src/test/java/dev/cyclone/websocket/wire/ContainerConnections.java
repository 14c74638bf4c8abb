package dev.cyclone.websocket.wire;

import java.lang.reflect.InvocationTargetException;

import org.apache.catalina.connector.Connector;
import org.apache.coyote.AbstractProtocol;
import org.eclipse.jetty.server.AbstractConnector;
import org.eclipse.jetty.server.Server;

import org.springframework.boot.web.server.WebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationContext;

/**
 * How many connections the container itself holds open: Tomcat's connection count (its
 * connector's {@code AbstractProtocol.getConnectionCount()}, which also counts the
 * acceptor) or the connected endpoints of Jetty's connectors. What a peer costs the
 * server, whatever the starter believes. Each container's code is loaded only when that
 * container serves.
 */
final class ContainerConnections {

	private static final String TOMCAT_WEB_SERVER = "org.springframework.boot.tomcat.TomcatWebServer";

	private ContainerConnections() {
	}

	static long count(ApplicationContext context) {
		WebServer server = ((WebServerApplicationContext) context).getWebServer();
		return isTomcat(context) ? Tomcat.count(server) : Jetty.count(server);
	}

	/**
	 * @return whether the application runs on Tomcat (otherwise Jetty)
	 */
	static boolean isTomcat(ApplicationContext context) {
		return ((WebServerApplicationContext) context).getWebServer().getClass().getName().equals(TOMCAT_WEB_SERVER);
	}

	private static final class Tomcat {

		static long count(WebServer server) {
			Connector connector = ((org.springframework.boot.tomcat.TomcatWebServer) server).getTomcat().getConnector();
			return ((AbstractProtocol<?>) connector.getProtocolHandler()).getConnectionCount();
		}

	}

	/**
	 * Reached through reflection from Spring Boot's {@code JettyWebServer}, which only
	 * the Jetty run has.
	 */
	private static final class Jetty {

		static long count(WebServer server) {
			try {
				Server jetty = (Server) server.getClass().getMethod("getServer").invoke(server);
				long count = 0;
				for (org.eclipse.jetty.server.Connector connector : jetty.getConnectors()) {
					count += ((AbstractConnector) connector).getConnectedEndPoints().size();
				}
				return count;
			}
			catch (NoSuchMethodException | IllegalAccessException | InvocationTargetException ex) {
				throw new IllegalStateException("Not a Jetty web server: " + server, ex);
			}
		}

	}

}
