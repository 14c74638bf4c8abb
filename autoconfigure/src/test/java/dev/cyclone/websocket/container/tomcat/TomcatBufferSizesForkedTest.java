package dev.cyclone.websocket.container.tomcat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;

import org.apache.catalina.connector.Connector;
import org.junit.jupiter.api.Test;

import dev.cyclone.websocket.WebSocketHandler;
import dev.cyclone.websocket.support.AutoConfigurationWithoutSecurity;
import dev.cyclone.websocket.support.JdkClient;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.annotation.Bean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Tomcat opt-ins for many idle connections, in a JVM of its own (Tomcat reads its
 * WebSocket buffer size once per JVM, so the test runs in a fresh one: see the
 * {@code fresh-jvm-tests} execution of the module's build): Tomcat takes both sizes, and
 * messages much larger than the buffers still arrive whole over RFC 6455 and Hixie-75.
 */
@SpringBootTest(classes = TomcatBufferSizesForkedTest.EchoApplication.class,
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "server.address=127.0.0.1", "cyclone.websocket.handlers.echo.paths=/echo",
				"cyclone.websocket.tomcat.buffer-size=1KB", "cyclone.websocket.tomcat.socket-buffer-size=1KB" })
class TomcatBufferSizesForkedTest {

	private static final String LARGE = "x".repeat(60_000);

	@LocalServerPort
	private int port;

	@Autowired
	private WebServerApplicationContext context;

	@Test
	void tomcatTakesBothSizes() {
		assertThat(System.getProperty(TomcatBufferSizes.WEBSOCKET_BUFFER_SIZE)).isEqualTo("1024");
		assertThat(TomcatBufferSizes.effectiveWebSocketBufferSize()).isEqualTo(1024);
		Connector connector = ((TomcatWebServer) this.context.getWebServer()).getTomcat().getConnector();
		assertThat(connector.getProperty("socket.appReadBufSize")).hasToString("1024");
		assertThat(connector.getProperty("socket.appWriteBufSize")).hasToString("1024");
	}

	@Test
	void largeMessagesArriveWholeOverRfc6455() throws Exception {
		JdkClient client = JdkClient.connect(URI.create("ws://127.0.0.1:" + this.port + "/echo"));
		try {
			assertThat(client.sendAndReceive("hi")).isEqualTo("hi");
			assertThat(client.sendAndReceive(LARGE)).isEqualTo(LARGE);
		}
		finally {
			client.close();
		}
	}

	@Test
	void largeMessagesArriveWholeOverHixie75() throws IOException {
		try (Socket socket = new Socket("127.0.0.1", this.port)) {
			socket.setSoTimeout(10_000);
			OutputStream out = socket.getOutputStream();
			out.write(("GET /echo HTTP/1.1\r\nHost: 127.0.0.1:" + this.port + "\r\nUpgrade: WebSocket\r\n"
					+ "Connection: Upgrade\r\nOrigin: http://127.0.0.1:" + this.port + "\r\n\r\n")
				.getBytes(StandardCharsets.ISO_8859_1));
			InputStream in = socket.getInputStream();
			assertThat(readHead(in)).startsWith("HTTP/1.1 101");
			for (String message : new String[] { "hi", LARGE }) {
				out.write(0x00);
				out.write(message.getBytes(StandardCharsets.UTF_8));
				out.write(0xFF);
				out.flush();
				assertThat(in.read()).isZero();
				ByteArrayOutputStream echo = new ByteArrayOutputStream();
				for (int b = in.read(); b != 0xFF; b = in.read()) {
					assertThat(b).isNotNegative();
					echo.write(b);
				}
				assertThat(echo.toString(StandardCharsets.UTF_8)).isEqualTo(message);
			}
		}
	}

	private static String readHead(InputStream in) throws IOException {
		StringBuilder head = new StringBuilder();
		while (!head.toString().endsWith("\r\n\r\n")) {
			int b = in.read();
			assertThat(b).isNotNegative();
			head.append((char) b);
		}
		return head.toString();
	}

	@SpringBootConfiguration
	@AutoConfigurationWithoutSecurity
	static class EchoApplication {

		@Bean
		WebSocketHandler echo() {
			return new WebSocketHandler() {
				@Override
				protected void messageReceived(String message) {
					sendMessage(message);
				}
			};
		}

	}

}
