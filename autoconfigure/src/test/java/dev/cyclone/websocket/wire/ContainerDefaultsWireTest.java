package dev.cyclone.websocket.wire;

import java.net.URI;

import org.junit.jupiter.api.Test;

import dev.cyclone.websocket.support.JdkClient;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.web.socket.server.standard.ServletServerContainerFactoryBean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The starter's settings decide, not the servlet container's defaults, on every
 * container. The containers' own timeouts are shortened to one second here (Jetty closes
 * idle connections after 30 s by default, Tomcat does not close WebSockets): connections
 * of every protocol, however their handshake was cut, outlive them. A message larger than
 * Jetty's 64 KiB default passes when {@code max-message-size} allows it.
 */
@SpringBootTest(classes = { WireTestApplication.class, ContainerDefaultsWireTest.ShortContainerTimeouts.class },
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "server.tomcat.connection-timeout=1s", "server.tomcat.keep-alive-timeout=1s",
				"server.jetty.connection-idle-timeout=1s", "cyclone.websocket.max-message-size=256KB" })
@ActiveProfiles("wire")
class ContainerDefaultsWireTest {

	@LocalServerPort
	int port;

	@Test
	void connectionsOfEveryProtocolOutliveTheContainersOwnTimeouts() throws Exception {
		JdkClient modern = JdkClient.connect(URI.create("ws://127.0.0.1:" + this.port + "/echo"));
		try (RawHixie inSegment = new RawHixie(this.port).open76("/echo");
				RawHixie lateKey3 = new RawHixie(this.port);
				RawHixie hixie75 = new RawHixie(this.port)) {
			lateKey3.write(lateKey3.head76("/echo"));
			assertThat(lateKey3.readHead()).startsWith("HTTP/1.1 101");
			lateKey3.write(RawHixie.KEY3);
			assertThat(lateKey3.readAnswer()).isEqualTo(RawHixie.ANSWER);
			hixie75.write(hixie75.head75("/echo"));
			assertThat(hixie75.readHead()).startsWith("HTTP/1.1 101");
			assertThat(modern.sendAndReceive("before")).isEqualTo("You said: before");
			assertThat(inSegment.sendAndReceive("before")).isEqualTo("You said: before");
			assertThat(lateKey3.sendAndReceive("before")).isEqualTo("You said: before");
			assertThat(hixie75.sendAndReceive("before")).isEqualTo("You said: before");
			// idle for three times the containers' shortened timeouts
			Thread.sleep(3000);
			assertThat(modern.sendAndReceive("after")).isEqualTo("You said: after");
			assertThat(inSegment.sendAndReceive("after")).isEqualTo("You said: after");
			assertThat(lateKey3.sendAndReceive("after")).isEqualTo("You said: after");
			assertThat(hixie75.sendAndReceive("after")).isEqualTo("You said: after");
		}
		modern.close();
	}

	@Test
	void passesAMessageLargerThanJettysDefaultLimitWhenMaxMessageSizeAllowsIt() throws Exception {
		String big = "b".repeat(200_000);
		JdkClient modern = JdkClient.connect(URI.create("ws://127.0.0.1:" + this.port + "/echo"));
		assertThat(modern.sendAndReceive(big)).isEqualTo("You said: " + big);
		modern.close();
		JdkClient spring = JdkClient.connect(URI.create("ws://127.0.0.1:" + this.port + "/spring"));
		assertThat(spring.sendAndReceive(big)).isEqualTo("spring: " + big);
		spring.close();
		try (RawHixie hixie = new RawHixie(this.port).open76("/echo")) {
			assertThat(hixie.sendAndReceive(big)).isEqualTo("You said: " + big);
		}
	}

	/**
	 * Shortens the WebSocket container's default session idle timeout (Jetty's is 30 s;
	 * Tomcat has none).
	 */
	@TestConfiguration(proxyBeanMethods = false)
	static class ShortContainerTimeouts {

		@Bean
		ServletServerContainerFactoryBean shortIdleWebSocketContainer() {
			ServletServerContainerFactoryBean container = new ServletServerContainerFactoryBean();
			container.setMaxSessionIdleTimeout(1000L);
			return container;
		}

	}

}
