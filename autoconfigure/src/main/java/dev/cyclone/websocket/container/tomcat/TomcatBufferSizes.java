package dev.cyclone.websocket.container.tomcat;

import java.lang.reflect.Field;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.apache.tomcat.websocket.Constants;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.util.Assert;

/**
 * The opt-ins for Tomcat servers that hold many idle connections. The buffers Tomcat's
 * WebSocket implementation gives every RFC 6455 connection (input, output, encoder: 8 KiB
 * each) take their size from the system property {@value #WEBSOCKET_BUFFER_SIZE}, which
 * Tomcat reads once, when its WebSocket classes load: set here before the web server
 * starts, unless already set, and checked afterwards. The connector's socket read and
 * write buffers (8 KiB each, every connection) are connector properties.
 */
public final class TomcatBufferSizes implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {

	/** Tomcat's system property for the size of its WebSocket buffers. */
	public static final String WEBSOCKET_BUFFER_SIZE = "org.apache.tomcat.websocket.DEFAULT_BUFFER_SIZE";

	/**
	 * The smallest size taken: Tomcat's frame reader needs room for a frame header and a
	 * control frame in its input buffer.
	 */
	static final int MIN_SIZE = 256;

	private static final Log logger = LogFactory.getLog(TomcatBufferSizes.class);

	/**
	 * Looked up without loading Tomcat's value: reading it does, once the property is
	 * set.
	 */
	private static final @Nullable Field effectiveSize = PrivateFields.find(Constants.class, "DEFAULT_BUFFER_SIZE",
			"The effective size of Tomcat's WebSocket buffers is not checked");

	private final @Nullable Integer webSocketBufferSize;

	private final @Nullable Integer socketBufferSize;

	/**
	 * Create the opt-ins.
	 * @param webSocketBufferSize the size of Tomcat's WebSocket buffers, at least
	 * {@value #MIN_SIZE} bytes, {@code null} for Tomcat's
	 * @param socketBufferSize the size of the connector's socket buffers, at least
	 * {@value #MIN_SIZE} bytes, {@code null} for Tomcat's
	 */
	public TomcatBufferSizes(@Nullable Integer webSocketBufferSize, @Nullable Integer socketBufferSize) {
		Assert.isTrue(webSocketBufferSize == null || webSocketBufferSize >= MIN_SIZE,
				() -> "cyclone.websocket.tomcat.buffer-size must be at least " + MIN_SIZE + " bytes, not "
						+ webSocketBufferSize);
		Assert.isTrue(socketBufferSize == null || socketBufferSize >= MIN_SIZE,
				() -> "cyclone.websocket.tomcat.socket-buffer-size must be at least " + MIN_SIZE + " bytes, not "
						+ socketBufferSize);
		this.webSocketBufferSize = webSocketBufferSize;
		this.socketBufferSize = socketBufferSize;
	}

	@Override
	public void customize(TomcatServletWebServerFactory factory) {
		if (this.webSocketBufferSize != null) {
			applyWebSocketBufferSize(this.webSocketBufferSize);
		}
		Integer socketBuffers = this.socketBufferSize;
		if (socketBuffers != null) {
			factory.addConnectorCustomizers((connector) -> {
				connector.setProperty("socket.appReadBufSize", socketBuffers.toString());
				connector.setProperty("socket.appWriteBufSize", socketBuffers.toString());
			});
		}
	}

	private static void applyWebSocketBufferSize(int size) {
		String given = System.getProperty(WEBSOCKET_BUFFER_SIZE);
		if (given == null) {
			System.setProperty(WEBSOCKET_BUFFER_SIZE, Integer.toString(size));
		}
		Integer effective = effectiveWebSocketBufferSize();
		if (effective != null && effective != size) {
			logger.warn("Tomcat's WebSocket buffers stay at " + effective + " bytes, not cyclone.websocket.tomcat."
					+ "buffer-size (" + size + " bytes): "
					+ ((given != null) ? "-D" + WEBSOCKET_BUFFER_SIZE + "=" + given + " is set"
							: "Tomcat's WebSocket classes were loaded before the web server")
					+ "; set -D" + WEBSOCKET_BUFFER_SIZE + "=" + size + " on the command line");
		}
	}

	/**
	 * @return the size Tomcat's WebSocket classes use (loading them), or {@code null}
	 * when this Tomcat does not say
	 */
	static @Nullable Integer effectiveWebSocketBufferSize() {
		try {
			return (effectiveSize != null) ? effectiveSize.getInt(null) : null;
		}
		catch (IllegalAccessException ex) {
			return null;
		}
	}

}
