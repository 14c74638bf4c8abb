package dev.cyclone.websocket.hixie76.servlet;

import java.nio.ByteBuffer;

import jakarta.servlet.http.HttpServletRequest;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.eclipse.jetty.ee11.servlet.ServletContextRequest;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.util.Callback;
import org.jspecify.annotations.Nullable;

/**
 * Jetty 12.1 (ee11) support for an upgraded legacy connection. Loaded only when Jetty's servlet classes are present.
 * <ul>
 * <li><b>Timeouts.</b> Jetty bounds an upgraded servlet connection by its connector's idle timeout and by the
 * timeout of the {@code AsyncContext} it starts for the upgrade (30 s each by default; the latter ends the
 * connection 30 s after the handshake however busy it is). Tomcat bounds neither. Both are switched off: the
 * starter's own settings (handshake timeout, idle timeout, send time limit) decide on both containers.</li>
 * <li><b>Input after a lone request head.</b> When the request head is all that Jetty's read buffer holds, Jetty
 * parses a request without a body to its end before any filter runs; the upgrade keeps that end of input, so the
 * upgraded input stream reports {@code onAllDataRead} at once and never delivers the bytes that follow (a Hixie-76
 * key3 sent after the head, as proxies that wait for the {@code 101} do, and every frame of a Hixie-75 client).
 * Those bytes are still unread on Jetty's {@link EndPoint}, which nothing else reads once the request is upgraded:
 * they are read from there. Bytes that arrived in the head's segment reach the upgraded input stream as usual.
 * {@code JettyServletUpgradeTest} (module jetty-tests) pins this behaviour down without the starter.</li>
 * </ul>
 */
final class JettyContainerSupport extends ContainerSupport implements Callback {

	private static final Log logger = LogFactory.getLog(JettyContainerSupport.class);

	private static final int READ_CHUNK = 8192;

	private final HttpServletRequest request;

	private final EndPoint endPoint;

	private final ByteBuffer buffer = BufferUtil.allocate(READ_CHUNK);

	private volatile @Nullable HixieConnection reading;

	private JettyContainerSupport(HttpServletRequest request, EndPoint endPoint) {
		this.request = request;
		this.endPoint = endPoint;
	}

	/**
	 * @param request the handshake request
	 * @return the support, {@code null} when Jetty does not serve the request
	 */
	static @Nullable ContainerSupport of(HttpServletRequest request) {
		ServletContextRequest jettyRequest;
		try {
			jettyRequest = ServletContextRequest.getServletContextRequest(request);
		}
		catch (IllegalStateException ex) {
			return null;
		}
		Connection connection = (jettyRequest != null) ? jettyRequest.getConnectionMetaData().getConnection() : null;
		return (connection != null) ? new JettyContainerSupport(request, connection.getEndPoint()) : null;
	}

	@Override
	void started() {
		this.endPoint.setIdleTimeout(0);
		if (this.request.isAsyncStarted()) {
			this.request.getAsyncContext().setTimeout(0);
		}
	}

	@Override
	boolean readInstead(HixieConnection connection) {
		if (logger.isDebugEnabled()) {
			logger.debug("Jetty ended the upgraded input of " + connection + " before its first byte; reading "
					+ this.endPoint + " instead");
		}
		this.reading = connection;
		read();
		return true;
	}

	@Override
	public void succeeded() {
		read();
	}

	private void read() {
		HixieConnection connection = this.reading;
		try {
			while (true) {
				BufferUtil.clear(this.buffer);
				int filled = this.endPoint.fill(this.buffer);
				if (filled < 0) {
					connection.dropped();
					return;
				}
				if (filled == 0) {
					this.endPoint.fillInterested(this);
					return;
				}
				if (!connection.receivedInstead(this.buffer.array(), this.buffer.arrayOffset() + this.buffer.position(),
						filled)) {
					return;
				}
			}
		}
		catch (Throwable ex) {
			failed(ex);
		}
	}

	@Override
	public void failed(Throwable failure) {
		HixieConnection connection = this.reading;
		if (connection != null) {
			connection.onError(failure);
		}
	}

	@Override
	void close() {
		if (this.reading != null) {
			this.endPoint.close();
		}
	}

}
