package dev.cyclone.websocket.wire;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;

import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.cyclone.websocket.CloseReason;
import dev.cyclone.websocket.adapter.OpenConnections;
import dev.cyclone.websocket.support.JdkClient;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A peer that stops reading while the handler sends megabytes: the server refuses further
 * sends once the connection's bounded outbound buffer is full, closes it with 4500,
 * reports that to the handler once, and keeps serving everyone else. Asserted on the
 * server side: a peer that does not read never sees the close frame, yet its socket is
 * closed within the close timeout: the container itself no longer holds its connection.
 */
@SpringBootTest(classes = WireTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "cyclone.websocket.send-buffer-limit=256KB", "cyclone.websocket.send-time-limit=2s",
				"cyclone.websocket.close-timeout=1s" })
@ActiveProfiles("wire")
@ExtendWith(OutputCaptureExtension.class)
class SlowConsumerWireTest {

	private static final long SEND_BUFFER_LIMIT = 256 * 1024;

	/**
	 * How soon a stuck peer's socket is closed once the 4500 close was decided and
	 * reported: the close timeout, plus two sweeps of the supervision and scheduling.
	 */
	private static final Duration SOCKET_CLOSED_WITHIN = Duration.ofMillis(2500);

	/** The small receive buffer the stuck peers ask for: the kernel fills it quickly. */
	private static final int CLIENT_RECEIVE_BUFFER = 4096;

	@LocalServerPort
	int port;

	@Autowired
	FloodLog floodLog;

	@Autowired
	OpenConnections openConnections;

	@Autowired
	ApplicationContext context;

	@Test
	void closesAnRfc6455PeerThatStopsReadingWith4500AndBoundsWhatItHolds(CapturedOutput output) throws Exception {
		int openBefore = this.openConnections.count();
		JdkClient bystander = JdkClient.connect(URI.create("ws://127.0.0.1:" + this.port + "/echo"));
		int floodsBefore = this.floodLog.floods.size();
		try (Socket stuck = new Socket()) {
			stuck.setReceiveBufferSize(CLIENT_RECEIVE_BUFFER);
			stuck.connect(new InetSocketAddress("127.0.0.1", this.port), 5000);
			stuck.setSoTimeout(10_000);
			OutputStream out = stuck.getOutputStream();
			out.write(RawHttp.rfc6455Request("/flood", this.port, null).getBytes(StandardCharsets.ISO_8859_1));
			out.flush();
			assertThat(RawHttp.readHead(stuck.getInputStream())).startsWith("HTTP/1.1 101");
			assertThat(ContainerConnections.holds(this.context, stuck.getLocalPort())).as("held by the container")
				.isTrue();
			out.write(RawRfc6455.maskedTextFrame("flood"));
			out.flush();
			// from here on the peer never reads again
			assertSlowConsumerHandled(floodsBefore, bystander, "rfc6455", stuck.getReceiveBufferSize(), output,
					openBefore);
			assertContainerReleasedTheSocket(stuck.getLocalPort());
		}
		bystander.close();
		await().atMost(Duration.ofSeconds(10)).until(() -> this.openConnections.count() == openBefore);
	}

	@Test
	void closesAHixie76PeerThatStopsReadingWith4500AndBoundsWhatItHolds(CapturedOutput output) throws Exception {
		int openBefore = this.openConnections.count();
		JdkClient bystander = JdkClient.connect(URI.create("ws://127.0.0.1:" + this.port + "/echo"));
		int floodsBefore = this.floodLog.floods.size();
		try (RawHixie stuck = new RawHixie(this.port)) {
			// RawHixie connects in its constructor: the buffer shrinks after the window
			// was advertised, so the
			// kernel may hold up to the default receive buffer here (accounted for in the
			// bound)
			stuck.http().socket().setReceiveBufferSize(CLIENT_RECEIVE_BUFFER);
			stuck.open76("/flood");
			assertThat(ContainerConnections.holds(this.context, stuck.http().socket().getLocalPort()))
				.as("held by the container")
				.isTrue();
			stuck.sendText("flood");
			// from here on the peer never reads again
			assertSlowConsumerHandled(floodsBefore, bystander, "hixie-76", stuck.http().socket().getReceiveBufferSize(),
					output, openBefore);
			assertContainerReleasedTheSocket(stuck.http().socket().getLocalPort());
		}
		bystander.close();
		await().atMost(Duration.ofSeconds(10)).until(() -> this.openConnections.count() == openBefore);
	}

	/**
	 * The server closed the stuck peer's socket, while the peer, still connected, has not
	 * read a byte: the container no longer holds its connection. (What the kernel already
	 * accepted still reaches the peer as slowly as it reads, and end-of-stream only after
	 * it; that is the kernel's, not the server's.)
	 */
	private void assertContainerReleasedTheSocket(int stuckPeerPort) {
		ContainerConnections.awaitReleased(this.context, stuckPeerPort, SOCKET_CLOSED_WITHIN);
	}

	private void assertSlowConsumerHandled(int floodsBefore, JdkClient bystander, String protocol,
			int clientReceiveBuffer, CapturedOutput output, int openBefore) throws Exception {
		await().atMost(Duration.ofSeconds(10)).until(() -> this.floodLog.floods.size() > floodsBefore);
		FloodLog.Flood flood = this.floodLog.floods.get(floodsBefore);
		assertThat(flood.protocol).isEqualTo(protocol);
		// while the flood runs and the stuck peer holds its buffers, another client is
		// served promptly
		for (int i = 0; i < 20; i++) {
			assertEchoesPromptly(bystander, "during the flood " + i);
		}
		await().atMost(Duration.ofSeconds(20)).untilTrue(flood.finished);
		System.out.println("Slow consumer (" + protocol + "): " + flood + ", client receive buffer "
				+ clientReceiveBuffer + ", bound " + acceptedBytesBound() + " bytes");
		assertThat(flood.refused).as("sendMessage returned false").isTrue();
		assertThat(flood.acceptedBytes()).as("bytes accepted before the refusal")
			.isLessThanOrEqualTo(acceptedBytesBound())
			.isLessThan(FloodLog.MAX_OFFERED / 8);
		SoftAssertions softly = new SoftAssertions();
		softly
			.assertThat(Pattern.compile("WARN .*Connection " + flood.connectionId + " .*peer is not reading")
				.matcher(output.getAll())
				.find())
			.as("a WARN line names the connection and the cause")
			.isTrue();
		softly
			.assertThatCode(() -> await().atMost(Duration.ofSeconds(15))
				.until(() -> !this.floodLog.lostOf(flood.connectionId).isEmpty()))
			.as("connectionLost is called while the stuck peer is still connected")
			.doesNotThrowAnyException();
		softly.assertThat(this.floodLog.lostOf(flood.connectionId)).extracting(CloseReason::code).containsExactly(4500);
		// the stuck peer is still connected, yet the server no longer counts it: only the
		// bystander is left
		softly.assertThatCode(
				() -> await().atMost(Duration.ofSeconds(5)).until(() -> this.openConnections.count() == openBefore + 1))
			.as("the open-connection count drops back while the stuck peer is still connected")
			.doesNotThrowAnyException();
		softly.assertThat(this.openConnections.count()).as("open connections").isEqualTo(openBefore + 1);
		softly.assertAll();
		assertEchoesPromptly(bystander, "after the close");
	}

	/**
	 * The most a stuck connection can have accepted: what the kernel holds (the server's
	 * send buffer, which Linux grows up to {@code tcp_wmem} max, 4 MiB by default, plus
	 * the client's receive buffer, at most the {@code tcp_rmem} default of 128 KiB on a
	 * socket shrunk after connecting), plus the connection's outbound queue
	 * ({@code send-buffer-limit}), plus on Hixie the transport's own buffer (the same
	 * limit), plus one message being written by the container on each of the two, plus 64
	 * KiB for the container's socket buffer.
	 */
	private static long acceptedBytesBound() {
		long[] wmem = sysctl("net/ipv4/tcp_wmem", 4096, 16384, 4 * 1024 * 1024);
		long[] rmem = sysctl("net/ipv4/tcp_rmem", 4096, 128 * 1024, 6 * 1024 * 1024);
		long kernel = wmem[2] + rmem[1];
		return kernel + 2 * SEND_BUFFER_LIMIT + 2 * (FloodLog.MESSAGE_SIZE + 16) + 64 * 1024;
	}

	private static long[] sysctl(String name, long... defaults) {
		try {
			String[] values = Files.readString(Path.of("/proc/sys", name)).trim().split("\\s+");
			long[] parsed = new long[values.length];
			for (int i = 0; i < values.length; i++) {
				parsed[i] = Long.parseLong(values[i]);
			}
			return (parsed.length == 3) ? parsed : defaults;
		}
		catch (IOException | RuntimeException ex) {
			return defaults;
		}
	}

	private static void assertEchoesPromptly(JdkClient client, String text) {
		client.send(text);
		CompletableFuture<String> reply = CompletableFuture.supplyAsync(() -> {
			try {
				return client.next();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
		});
		await().atMost(Duration.ofSeconds(2)).until(reply::isDone);
		assertThat(reply.join()).isEqualTo("You said: " + text);
	}

}
