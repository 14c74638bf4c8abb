package dev.cyclone.websocket.handshake;

import java.time.Duration;

import org.springframework.util.ClassUtils;
import org.springframework.web.socket.server.RequestUpgradeStrategy;
import org.springframework.web.socket.server.jetty.JettyRequestUpgradeStrategy;
import org.springframework.web.socket.server.support.AbstractHandshakeHandler;

/**
 * Makes RFC 6455 on Jetty (Spring's Jetty upgrade strategy, which Spring picks on Jetty) follow the starter's
 * settings rather than Jetty's WebSocket defaults, as on Tomcat: no idle timeout of Jetty's own (Jetty closes a
 * WebSocket that is idle for 30 s, Tomcat does not; the starter's {@code idle-timeout} and ping settings decide), and
 * message size limits never stricter than {@code max-message-size} (Jetty's are 64 KiB and, as Spring's Jetty adapter
 * takes whole messages, they would win over a larger {@code max-message-size}). Does nothing unless the handshake
 * handler upgrades with Spring's Jetty strategy.
 */
public final class JettyWebSocketDefaults {

	private static final boolean JETTY_WEBSOCKET_PRESENT = ClassUtils.isPresent(
			"org.eclipse.jetty.websocket.api.Configurable", JettyWebSocketDefaults.class.getClassLoader());

	private JettyWebSocketDefaults() {
	}

	/**
	 * Apply the starter's settings to the handshake handler's upgrade strategy when it is Jetty's.
	 * @param handshakeHandler the handshake handler
	 * @param maxMessageSize the largest message in bytes
	 */
	public static void apply(AbstractHandshakeHandler handshakeHandler, long maxMessageSize) {
		if (JETTY_WEBSOCKET_PRESENT) {
			Jetty.apply(handshakeHandler.getRequestUpgradeStrategy(), maxMessageSize);
		}
	}

	/** Refers to Jetty's types; loaded only when they are present. */
	private static final class Jetty {

		static void apply(RequestUpgradeStrategy strategy, long maxMessageSize) {
			if (strategy instanceof JettyRequestUpgradeStrategy jetty) {
				jetty.addWebSocketConfigurer((configurable) -> {
					configurable.setIdleTimeout(Duration.ZERO);
					configurable.setMaxTextMessageSize(Math.max(maxMessageSize, configurable.getMaxTextMessageSize()));
					configurable
						.setMaxBinaryMessageSize(Math.max(maxMessageSize, configurable.getMaxBinaryMessageSize()));
				});
			}
		}

	}

}
