package dev.cyclone.websocket.benchmarks;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;

/**
 * Connection-scale client: opens idle WebSocket connections in steps, each step over one
 * protocol, exchanges one message on each new connection and checks the echo, then holds
 * every connection open while the caller measures the server.
 *
 * <p>
 * Arguments: {@code <ws-url> <expected-prefix> <protocol>:<count>...}, for example
 * {@code ws://127.0.0.1:8888/websocket "You said: " rfc6455:5000 hixie-76:5000}. After
 * each step it prints
 * {@code READY <protocol> <count> open=<total> lost=<closed by the server>} on stdout and
 * waits for a line on stdin; after the last it closes every connection, prints
 * {@code DONE} and exits (status 1 if a connection failed or was lost). Connections open
 * in batches of 500 ({@code -Dscale.batch=N}) on two Netty event loop threads
 * ({@code -Dscale.threads=N}), so 10,000 connections need no thread each, from 127.0.0.1
 * to 127.0.0.{@code N} in turn ({@code -Dscale.sourceAddresses=N}, 1 by default), so that
 * more connections than one address has ports can open. With
 * {@code -Dscale.cookieBytes=N} every handshake carries a {@code Cookie} of N bytes.
 * After each step the request head of the step's first handshake goes to stderr.
 */
public final class ScaleTool {

	private static final int BATCH = Integer.getInteger("scale.batch", 500);

	private static final Duration BATCH_TIMEOUT = Duration.ofSeconds(60);

	private final WebSocketDialer dialer;

	private final String expectedPrefix;

	private final List<Channel> channels = new ArrayList<>();

	private final List<ScaleConnection> connections = new ArrayList<>();

	private volatile boolean closing;

	private ScaleTool(WebSocketDialer dialer, String expectedPrefix) {
		this.dialer = dialer;
		this.expectedPrefix = expectedPrefix;
	}

	/**
	 * Runs the steps; see the class description.
	 * @param args the URL, the expected prefix and the steps
	 * @throws Exception if stdin cannot be read
	 */
	public static void main(String[] args) throws Exception {
		if (args.length < 3) {
			System.err.println("Arguments: <ws-url> <expected-prefix> <rfc6455|hixie-76>:<count>...");
			System.exit(2);
		}
		EventLoopGroup group = new MultiThreadIoEventLoopGroup(Integer.getInteger("scale.threads", 2),
				NioIoHandler.newFactory());
		WebSocketDialer dialer = new WebSocketDialer(group, URI.create(args[0]), extraHeaders(), sourceAddresses());
		ScaleTool tool = new ScaleTool(dialer, args[1]);
		BufferedReader stdin = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
		boolean passed = false;
		try {
			for (int i = 2; i < args.length; i++) {
				String[] step = args[i].split(":");
				ClientProtocol protocol = ClientProtocol.of(step[0]);
				int count = Integer.parseInt(step[1]);
				tool.step(protocol, count);
				System.err.println("Handshake request: " + dialer.firstHead(protocol));
				System.out.println("READY " + protocol.label() + " " + count + " open=" + tool.channels.size()
						+ " lost=" + tool.lost());
				stdin.readLine();
			}
			passed = tool.lost() == 0;
			tool.closeAll();
			System.out.println("DONE");
		}
		catch (ExecutionException | TimeoutException ex) {
			System.out.println("FAILED " + ex);
		}
		finally {
			group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
		}
		System.exit(passed ? 0 : 1);
	}

	/** A {@code Cookie} of {@code -Dscale.cookieBytes} bytes (none by default). */
	private static HttpHeaders extraHeaders() {
		int cookieBytes = Integer.getInteger("scale.cookieBytes", 0);
		HttpHeaders headers = new DefaultHttpHeaders();
		if (cookieBytes > 0) {
			headers.add("Cookie", "session=" + "c".repeat(Math.max(1, cookieBytes - "session=".length())));
		}
		return headers;
	}

	/** 127.0.0.1 up to 127.0.0.{@code -Dscale.sourceAddresses} (1 by default). */
	private static List<InetAddress> sourceAddresses() throws UnknownHostException {
		List<InetAddress> addresses = new ArrayList<>();
		for (int i = 1; i <= Integer.getInteger("scale.sourceAddresses", 1); i++) {
			addresses.add(InetAddress.getByAddress(new byte[] { 127, 0, 0, (byte) i }));
		}
		return addresses;
	}

	private void step(ClientProtocol protocol, int count)
			throws InterruptedException, ExecutionException, TimeoutException {
		long start = System.nanoTime();
		int first = this.connections.size();
		for (int opened = 0; opened < count; opened += BATCH) {
			List<CompletableFuture<Channel>> batch = new ArrayList<>();
			for (int i = opened; i < Math.min(count, opened + BATCH); i++) {
				ScaleConnection connection = new ScaleConnection(first + i, this.expectedPrefix, () -> this.closing);
				this.connections.add(connection);
				batch.add(this.dialer.open(protocol, connection));
			}
			await(batch, future -> future);
			batch.forEach(channel -> this.channels.add(channel.join()));
		}
		List<ScaleConnection> added = this.connections.subList(first, this.connections.size());
		await(added, ScaleConnection::exchange);
		System.err.printf("Opened %d %s connections and checked one echo on each in %.1f s%n", count, protocol.label(),
				(System.nanoTime() - start) / 1e9);
	}

	private long lost() {
		return this.connections.stream().filter(connection -> connection.lost().isDone()).count();
	}

	private void closeAll() throws InterruptedException, ExecutionException, TimeoutException {
		this.closing = true;
		for (int closed = 0; closed < this.channels.size(); closed += BATCH) {
			await(this.channels.subList(closed, Math.min(this.channels.size(), closed + BATCH)), channel -> {
				CompletableFuture<Void> done = new CompletableFuture<>();
				channel.writeAndFlush(new CloseWebSocketFrame());
				channel.closeFuture().addListener(future -> done.complete(null));
				return done;
			});
		}
	}

	private static <T> void await(List<T> items, Function<? super T, ? extends CompletableFuture<?>> action)
			throws InterruptedException, ExecutionException, TimeoutException {
		CompletableFuture.allOf(items.stream().map(action).toArray(CompletableFuture[]::new))
			.get(BATCH_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
	}

}
