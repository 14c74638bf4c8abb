package dev.cyclone.websocket.wire;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import org.apache.catalina.connector.Connector;
import org.apache.coyote.AbstractProtocol;
import org.apache.coyote.http11.upgrade.UpgradeProcessorBase;
import org.apache.tomcat.util.net.AbstractEndpoint;
import org.apache.tomcat.util.net.NioChannel;
import org.apache.tomcat.util.net.NioEndpoint;
import org.apache.tomcat.util.net.SocketBufferHandler;
import org.apache.tomcat.util.net.SocketWrapperBase;
import org.awaitility.core.ConditionTimeoutException;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.AbstractConnector;
import org.eclipse.jetty.server.Server;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.web.server.WebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationContext;

import static org.awaitility.Awaitility.await;

/**
 * How many connections the container itself holds open: Tomcat's connection count (its
 * connector's {@code AbstractProtocol.getConnectionCount()}, which also counts the
 * acceptor) or the connected endpoints of Jetty's connectors, and which peers they belong
 * to. What a peer costs the server, whatever the starter believes. Each container's code
 * is loaded only when that container serves.
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
	 * The count before a test's connections: on Tomcat, once the acceptor has taken its
	 * slot, which its own thread does only after the connector started (a count read at
	 * once after the application started may miss it and come out one low).
	 * @param context the application
	 * @return the count
	 */
	static long baseline(ApplicationContext context) {
		if (isTomcat(context)) {
			await().atMost(Duration.ofSeconds(5)).until(() -> count(context) > held(context).size());
		}
		return count(context);
	}

	/**
	 * Wait until the container holds at most the given number of connections; when it
	 * does not within the time, fail with what it still holds and what its threads do, so
	 * that a failure on a build machine explains itself.
	 * @param context the application
	 * @param atMost the most connections it may hold (on Tomcat, its acceptor counts as
	 * one)
	 * @param within how long to wait
	 */
	static void awaitAtMost(ApplicationContext context, long atMost, Duration within) {
		awaitOrExplain(context, () -> count(context) <= atMost, within,
				"The container counts %d connections, expected at most " + atMost);
	}

	/**
	 * Wait until the container no longer holds the connection of a peer, found by the
	 * peer's port; when it still does after the time, fail as {@link #awaitAtMost} does.
	 * @param context the application
	 * @param peerPort the local port of the peer's socket
	 * @param within how long to wait
	 */
	static void awaitReleased(ApplicationContext context, int peerPort, Duration within) {
		awaitOrExplain(context, () -> !holds(context, peerPort), within,
				"The container counts %d connections, one of them still from port " + peerPort);
	}

	/**
	 * Whether the container holds the connection of a peer.
	 * @param context the application
	 * @param peerPort the local port of the peer's socket
	 * @return whether it does
	 */
	static boolean holds(ApplicationContext context, int peerPort) {
		return held(context).stream().anyMatch((held) -> held.peerPort() == peerPort);
	}

	private static void awaitOrExplain(ApplicationContext context, Callable<Boolean> condition, Duration within,
			String failure) {
		try {
			await().atMost(within).until(condition);
		}
		catch (ConditionTimeoutException ex) {
			StringBuilder explanation = new StringBuilder(failure.formatted(count(context))).append(" after ")
				.append(within)
				.append("; it holds:\n");
			held(context).forEach((held) -> explanation.append("  ").append(held).append('\n'));
			throw new AssertionError(explanation.append("Threads:\n").append(describeThreads()).toString(), ex);
		}
	}

	private static List<HeldConnection> held(ApplicationContext context) {
		WebServer server = ((WebServerApplicationContext) context).getWebServer();
		return isTomcat(context) ? Tomcat.held(server) : Jetty.held(server);
	}

	private static String describeThreads() {
		StringBuilder threads = new StringBuilder();
		for (ThreadInfo thread : ManagementFactory.getThreadMXBean().dumpAllThreads(true, true)) {
			threads.append(thread.getThreadName()).append(' ').append(thread.getThreadState());
			if (thread.getLockName() != null) {
				threads.append(" on ")
					.append(thread.getLockName())
					.append(" held by ")
					.append(thread.getLockOwnerName());
			}
			threads.append('\n');
			for (StackTraceElement frame : thread.getStackTrace()) {
				threads.append("    at ").append(frame).append('\n');
			}
		}
		return threads.toString();
	}

	/**
	 * @return whether the application runs on Tomcat (otherwise Jetty)
	 */
	static boolean isTomcat(ApplicationContext context) {
		return ((WebServerApplicationContext) context).getWebServer().getClass().getName().equals(TOMCAT_WEB_SERVER);
	}

	/**
	 * The connector's socket buffers of one connection on Tomcat.
	 * @param context the application
	 * @param clientPort the client's port of the connection
	 * @return the buffers, or {@code null} when Tomcat holds no such connection
	 */
	static @Nullable SocketBuffers tomcatSocketBuffers(ApplicationContext context, int clientPort) {
		return Tomcat.socketBuffers(((WebServerApplicationContext) context).getWebServer(), clientPort);
	}

	/**
	 * Whether Tomcat keeps the channels of closed connections for its next ones (only
	 * when the heap may grow beyond 2 GiB, unless configured).
	 * @param context the application
	 * @return whether it does
	 */
	static boolean tomcatKeepsClosedChannels(ApplicationContext context) {
		return Tomcat.keepsClosedChannels(((WebServerApplicationContext) context).getWebServer());
	}

	/**
	 * The capacities of a connection's socket buffers on Tomcat.
	 *
	 * @param readCapacity the read buffer's
	 * @param writeCapacity the write buffer's
	 * @param holder the Tomcat channel that holds them, for {@link #of(Object)} after the
	 * connection closed
	 */
	record SocketBuffers(int readCapacity, int writeCapacity, Object holder) {

		/**
		 * The buffers a channel holds now.
		 * @param holder a channel from an earlier {@code SocketBuffers}
		 * @return its buffers now
		 */
		static SocketBuffers of(Object holder) {
			return Tomcat.buffersOf(holder);
		}

	}

	/**
	 * A connection the container holds.
	 *
	 * @param peerPort the port of the peer's socket
	 * @param description what the container knows of it
	 */
	private record HeldConnection(int peerPort, String description) {

		@Override
		public String toString() {
			return "from port " + this.peerPort + ": " + this.description;
		}

	}

	private static final class Tomcat {

		static long count(WebServer server) {
			return protocol(server).getConnectionCount();
		}

		private static AbstractProtocol<?> protocol(WebServer server) {
			Connector connector = ((org.springframework.boot.tomcat.TomcatWebServer) server).getTomcat().getConnector();
			return (AbstractProtocol<?>) connector.getProtocolHandler();
		}

		static List<HeldConnection> held(WebServer server) {
			List<HeldConnection> held = new ArrayList<>();
			for (SocketWrapperBase<?> wrapper : endpoint(server).getConnections()) {
				held.add(new HeldConnection(wrapper.getRemotePort(),
						wrapper + (wrapper.isClosed() ? ", closed" : ", open")
								+ (wrapper.getLock().isLocked() ? ", locked" : "") + ", "
								+ describe(wrapper.getCurrentProcessor())));
			}
			return held;
		}

		private static String describe(@Nullable Object processor) {
			return (processor instanceof UpgradeProcessorBase upgrade)
					? String.valueOf(upgrade.getUpgradeToken().httpUpgradeHandler()) : String.valueOf(processor);
		}

		static @Nullable SocketBuffers socketBuffers(WebServer server, int clientPort) {
			for (SocketWrapperBase<?> wrapper : endpoint(server).getConnections()) {
				if (wrapper.getRemotePort() == clientPort && wrapper.getSocket() instanceof NioChannel channel) {
					return buffersOf(channel);
				}
			}
			return null;
		}

		static boolean keepsClosedChannels(WebServer server) {
			return invoke(NioEndpoint.class, "getNioChannels", endpoint(server)) != null;
		}

		private static AbstractEndpoint<?, ?> endpoint(WebServer server) {
			return (AbstractEndpoint<?, ?>) invoke(AbstractProtocol.class, "getEndpoint", protocol(server));
		}

		private static @Nullable Object invoke(Class<?> type, String protectedGetter, Object target) {
			try {
				Method getter = type.getDeclaredMethod(protectedGetter);
				getter.setAccessible(true);
				return getter.invoke(target);
			}
			catch (ReflectiveOperationException ex) {
				throw new IllegalStateException("Cannot reach Tomcat's " + protectedGetter, ex);
			}
		}

		static SocketBuffers buffersOf(Object holder) {
			SocketBufferHandler buffers = ((NioChannel) holder).getBufHandler();
			return new SocketBuffers(buffers.getReadBuffer().capacity(), buffers.getWriteBuffer().capacity(), holder);
		}

	}

	/**
	 * Reached through reflection from Spring Boot's {@code JettyWebServer}, which only
	 * the Jetty run has.
	 */
	private static final class Jetty {

		static long count(WebServer server) {
			return endPoints(server).size();
		}

		static List<HeldConnection> held(WebServer server) {
			List<HeldConnection> held = new ArrayList<>();
			for (EndPoint endPoint : endPoints(server)) {
				int port = (endPoint.getRemoteSocketAddress() instanceof InetSocketAddress address) ? address.getPort()
						: -1;
				held.add(new HeldConnection(port, endPoint.toString()));
			}
			return held;
		}

		private static List<EndPoint> endPoints(WebServer server) {
			try {
				Server jetty = (Server) server.getClass().getMethod("getServer").invoke(server);
				List<EndPoint> endPoints = new ArrayList<>();
				for (org.eclipse.jetty.server.Connector connector : jetty.getConnectors()) {
					endPoints.addAll(((AbstractConnector) connector).getConnectedEndPoints());
				}
				return endPoints;
			}
			catch (NoSuchMethodException | IllegalAccessException | InvocationTargetException ex) {
				throw new IllegalStateException("Not a Jetty web server: " + server, ex);
			}
		}

	}

}
