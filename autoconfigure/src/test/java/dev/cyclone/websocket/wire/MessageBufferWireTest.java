package dev.cyclone.websocket.wire;

import java.lang.reflect.Field;
import java.net.URI;
import java.nio.Buffer;

import org.apache.tomcat.websocket.WsSession;
import org.junit.jupiter.api.Test;

import dev.cyclone.websocket.WebSocketConnection;
import dev.cyclone.websocket.WebSocketConnections;
import dev.cyclone.websocket.container.NativeSessions;
import dev.cyclone.websocket.support.JdkClient;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.web.socket.WebSocketSession;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

/**
 * The container receives messages in buffers of {@code message-buffer-size} (512 B by
 * default) and the starter assembles them: messages many times that size, with characters
 * of every UTF-8 length across every buffer boundary, arrive whole on both protocols. On
 * Tomcat each session really holds buffers of that size, and no copy of its handshake
 * request, until a larger message comes; from the next message on, Tomcat's usual 8 KiB.
 */
@SpringBootTest(classes = WireTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("wire")
class MessageBufferWireTest {

	/** 1, 2, 3 and 4 UTF-8 bytes: 10 bytes, 5 chars; 6,000 times is 60,000 bytes. */
	private static final String LARGE = "a\u00e9\u20ac\uD83D\uDE00".repeat(6000);

	@LocalServerPort
	private int port;

	@Autowired
	private WebSocketConnections connections;

	@Autowired
	private ApplicationContext context;

	@Test
	void largeMessagesArriveWholeOverRfc6455() throws Exception {
		JdkClient client = JdkClient.connect(URI.create("ws://127.0.0.1:" + this.port + "/echo"));
		try {
			for (String message : new String[] { "short", LARGE, LARGE.substring(1), LARGE.substring(3) }) {
				assertThat(client.sendAndReceive(message)).isEqualTo("You said: " + message);
			}
		}
		finally {
			client.close();
		}
	}

	@Test
	void largeMessagesArriveWholeOverHixie76() throws Exception {
		try (RawHixie peer = new RawHixie(this.port).open76("/echo")) {
			for (String message : new String[] { "short", LARGE, LARGE.substring(1), LARGE.substring(3) }) {
				assertThat(peer.sendAndReceive(message)).isEqualTo("You said: " + message);
			}
		}
	}

	@Test
	void tomcatSessionsHoldSmallBuffersUntilALargeMessageComes() throws Exception {
		assumeThat(ContainerConnections.isTomcat(this.context)).as("Tomcat").isTrue();
		JdkClient client = JdkClient.connect(URI.create("ws://127.0.0.1:" + this.port + "/echo"));
		try {
			assertThat(client.sendAndReceive("short")).isEqualTo("You said: short");
			await().until(() -> !this.connections.ofHandler("echo").isEmpty());
			WebSocketConnection connection = this.connections.ofHandler("echo").get(0);
			TomcatSession.assertBuffers(connection, 512);
			TomcatSession.assertNoHandshakeRequest(connection);
			assertThat(client.sendAndReceive(LARGE)).isEqualTo("You said: " + LARGE);
			assertThat(client.sendAndReceive("short")).isEqualTo("You said: short");
			TomcatSession.assertBuffers(connection, 8192);
			assertThat(client.sendAndReceive(LARGE)).isEqualTo("You said: " + LARGE);
		}
		finally {
			client.close();
		}
	}

	/** Loaded on Tomcat only: the Jetty run has no Tomcat classes. */
	private static final class TomcatSession {

		static void assertBuffers(WebSocketConnection connection, int size) throws ReflectiveOperationException {
			WsSession session = nativeSession(connection);
			assertThat(session.getMaxTextMessageBufferSize()).isEqualTo(size);
			assertThat(session.getMaxBinaryMessageBufferSize()).isEqualTo(size);
			Object frame = read(session, "wsFrame");
			assertThat(((Buffer) read(frame, "messageBufferText")).capacity()).isEqualTo(size);
		}

		static void assertNoHandshakeRequest(WebSocketConnection connection) throws ReflectiveOperationException {
			Object endpoint = read(nativeSession(connection), "wsRemoteEndpoint");
			Object upgradeHandler = read(read(endpoint, "connection"), "internalHttpUpgradeHandler");
			assertThat(read(upgradeHandler, "handshakeRequest")).isNull();
		}

		private static WsSession nativeSession(WebSocketConnection connection) throws ReflectiveOperationException {
			WsSession session = NativeSessions.of((WebSocketSession) read(connection, "session"), WsSession.class);
			assertThat(session).isNotNull();
			return session;
		}

	}

	private static Object read(Object target, String name) throws ReflectiveOperationException {
		for (Class<?> type = target.getClass(); type != null; type = type.getSuperclass()) {
			try {
				Field field = type.getDeclaredField(name);
				field.setAccessible(true);
				return field.get(target);
			}
			catch (NoSuchFieldException ex) {
				// look in the superclass
			}
		}
		throw new NoSuchFieldException(name);
	}

}
