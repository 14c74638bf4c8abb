package dev.cyclone.websocket.container.tomcat;

import java.net.Socket;
import java.net.URI;
import java.nio.channels.ClosedChannelException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Lock;

import org.apache.tomcat.websocket.WsSession;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.cyclone.websocket.container.NativeSessions;
import dev.cyclone.websocket.support.JdkClient;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.tomcat.autoconfigure.servlet.TomcatServletWebServerAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.DispatcherServletAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketExtension;
import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.handler.TextWebSocketHandler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The writer of Tomcat's RFC 6455 sessions, on a real Tomcat session and the JDK's
 * client: data frames of every length form go straight to the socket and complete on the
 * writing thread; a closed session gets no more; a busy socket lock or a negotiated
 * extension leaves the message to Tomcat's asynchronous send.
 */
@SpringBootTest(classes = TomcatSessionWriterTest.CaptureApplication.class,
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "server.address=127.0.0.1")
class TomcatSessionWriterTest {

	private static final Duration WAIT = Duration.ofSeconds(5);

	private static final BlockingQueue<WebSocketSession> sessions = new LinkedBlockingQueue<>();

	@LocalServerPort
	private int port;

	private JdkClient peer;

	private WebSocketSession session;

	private final TomcatContainer container = new TomcatContainer(WAIT, WAIT, OptionalInt.empty(), 512);

	private TomcatSessionWriter writer;

	@BeforeEach
	void connect() throws Exception {
		this.peer = JdkClient.connect(URI.create("ws://127.0.0.1:" + this.port + "/capture"));
		this.session = sessions.poll(5, TimeUnit.SECONDS);
		this.writer = (TomcatSessionWriter) this.container.writerFor(this.session, Runnable::run);
	}

	@AfterEach
	void disconnect() throws Exception {
		this.session.close();
	}

	@Test
	void writesDataFramesOfEveryLengthFormStraightToTheSocket() throws Exception {
		assertThat(this.writer.writesToSocket()).isTrue();
		// Tomcat holds the socket's lock while it reads; the peer sends nothing, so once
		// its first read is over
		await().atMost(WAIT)
			.until(() -> !TomcatEndpoint.of(NativeSessions.of(this.session, WsSession.class))
				.socket()
				.getLock()
				.isLocked());
		List<String> texts = new ArrayList<>();
		for (int length : new int[] { 0, 5, 125, 126, 65535, 65536, 70000 }) {
			String text = "é".repeat(length / 2) + "x".repeat(length % 2);
			texts.add(text);
			Thread completedOn = writeAndWait(new TextMessage(text));
			if (length <= 126) {
				// a small frame the socket takes at once completes on the writing thread,
				// with no hand-off
				assertThat(completedOn).isEqualTo(Thread.currentThread());
			}
		}
		byte[] binary = new byte[300];
		binary[299] = 7;
		writeAndWait(new BinaryMessage(binary));
		for (String text : texts) {
			assertThat(this.peer.next()).isEqualTo(text);
		}
		assertThat(this.peer.nextBinary()).isEqualTo(binary);
	}

	@Test
	void writesNothingOnceTheSessionIsClosed() throws Exception {
		this.session.close(CloseStatus.GOING_AWAY);
		assertThat(this.peer.awaitCloseCode()).isEqualTo(CloseStatus.GOING_AWAY.getCode());
		await().atMost(WAIT).until(() -> !this.session.isOpen());
		CompletableFuture<@Nullable Throwable> result = new CompletableFuture<>();
		this.writer.write(new TextMessage("too late"), result::complete);
		assertThat(result.get(5, TimeUnit.SECONDS)).isInstanceOf(ClosedChannelException.class);
		assertThat(this.writer.isOpen()).isFalse();
		assertThat(this.peer.hasNoMessage()).isTrue();
	}

	@Test
	void sendsThroughTomcatsAsynchronousSendWhileAnotherThreadHoldsTheSocketLock() throws Exception {
		TomcatEndpoint endpoint = TomcatEndpoint.of(NativeSessions.of(this.session, WsSession.class));
		assertThat(endpoint).isNotNull();
		assertThat(endpoint.closeFrameStarted()).isFalse();
		CountDownLatch locked = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		Thread holder = new Thread(() -> {
			Lock lock = endpoint.socket().getLock();
			lock.lock();
			try {
				locked.countDown();
				release.await();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			finally {
				lock.unlock();
			}
		});
		holder.start();
		locked.await();
		try {
			Thread completedOn = writeAndWait(new TextMessage("around the lock"));
			assertThat(completedOn).isNotEqualTo(Thread.currentThread());
			assertThat(this.peer.next()).isEqualTo("around the lock");
		}
		finally {
			release.countDown();
			holder.join();
		}
	}

	@Test
	void leavesFramingToTomcatWhenAnExtensionWasNegotiated() throws Exception {
		try (Socket raw = new Socket("127.0.0.1", this.port)) {
			raw.getOutputStream()
				.write(("GET /capture HTTP/1.1\r\nHost: 127.0.0.1:" + this.port + "\r\nUpgrade: websocket\r\n"
						+ "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
						+ "Sec-WebSocket-Version: 13\r\nSec-WebSocket-Extensions: permessage-deflate\r\n\r\n")
					.getBytes(StandardCharsets.US_ASCII));
			String head = new String(raw.getInputStream().readNBytes(40), StandardCharsets.US_ASCII);
			assertThat(head).startsWith("HTTP/1.1 101");
			WebSocketSession deflating = sessions.poll(5, TimeUnit.SECONDS);
			assertThat(deflating.getExtensions()).extracting(WebSocketExtension::getName)
				.containsExactly("permessage-deflate");
			TomcatSessionWriter deflatingWriter = (TomcatSessionWriter) this.container.writerFor(deflating,
					Runnable::run);
			assertThat(deflatingWriter.writesToSocket()).isFalse();
			assertThat(this.writer.writesToSocket()).isTrue();
		}
	}

	/**
	 * @return the thread the write completed on
	 */
	private Thread writeAndWait(WebSocketMessage<?> message) throws Exception {
		CompletableFuture<Thread> completedOn = new CompletableFuture<>();
		this.writer.write(message, (failure) -> {
			if (failure != null) {
				completedOn.completeExceptionally(failure);
			}
			else {
				completedOn.complete(Thread.currentThread());
			}
		});
		return completedOn.get(5, TimeUnit.SECONDS);
	}

	/**
	 * A plain Spring WebSocket application on Tomcat that hands each new session to the
	 * test.
	 */
	@SpringBootConfiguration
	@ImportAutoConfiguration({ TomcatServletWebServerAutoConfiguration.class,
			DispatcherServletAutoConfiguration.class })
	@EnableWebSocket
	static class CaptureApplication {

		@Bean
		WebSocketConfigurer capture() {
			return (registry) -> registry.addHandler(new TextWebSocketHandler() {

				@Override
				public void afterConnectionEstablished(WebSocketSession opened) {
					sessions.add(opened);
				}

			}, "/capture");
		}

	}

}
