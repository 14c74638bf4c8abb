package dev.cyclone.websocket.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;

/**
 * End-to-end load on a WebSocket echo endpoint: opens N connections over one protocol,
 * keeps a window of W messages in flight on each for a fixed duration after a warm-up,
 * checks every echo and prints messages/s and p50/p99/p99.9 latency. Any wrong echo or
 * lost connection fails the run (exit status 1).
 *
 * <p>
 * Run it as
 * {@code java -cp benchmarks/target/benchmarks.jar dev.cyclone.websocket.benchmarks.LoadTool
 * ws://127.0.0.1:8888/websocket hixie-76 50 10 10 16 "You said: "}; see
 * {@link LoadSettings#USAGE} for the arguments. The client runs on one Netty event loop
 * thread ({@code -Dload.threads=N} to change it), so that it takes as little as possible
 * of a small machine from the server it measures.
 */
public final class LoadTool {

	private static final Duration OPEN_TIMEOUT = Duration.ofSeconds(60);

	private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(10);

	private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

	private final LoadSettings settings;

	private volatile LoadPhase phase = LoadPhase.WARMUP;

	private LoadTool(LoadSettings settings) {
		this.settings = settings;
	}

	/**
	 * Runs the load and prints the report ({@link LoadResult#report()}).
	 * @param args see {@link LoadSettings#USAGE}
	 * @throws Exception if the connections cannot be opened
	 */
	public static void main(String[] args) throws Exception {
		LoadSettings settings;
		try {
			settings = LoadSettings.parse(args);
		}
		catch (IllegalArgumentException ex) {
			System.err.println(ex.getMessage());
			System.err.println(LoadSettings.USAGE);
			System.exit(2);
			return;
		}
		System.out.println(settings.describe());
		LoadResult result = new LoadTool(settings).run();
		System.out.println(result.report());
		System.exit(result.passed() ? 0 : 1);
	}

	private LoadResult run() throws InterruptedException, ExecutionException, TimeoutException {
		EventLoopGroup group = new MultiThreadIoEventLoopGroup(Integer.getInteger("load.threads", 1),
				NioIoHandler.newFactory());
		List<LoadConnection> connections = new ArrayList<>();
		Duration measured;
		try {
			List<Channel> channels = open(group, connections);
			connections.forEach(LoadConnection::start);
			Thread.sleep(this.settings.warmup().toMillis());
			this.phase = LoadPhase.MEASURE;
			long start = System.nanoTime();
			Thread.sleep(this.settings.duration().toMillis());
			this.phase = LoadPhase.DRAIN;
			measured = Duration.ofNanos(System.nanoTime() - start);
			connections.forEach(LoadConnection::drain);
			awaitQuietly(
					CompletableFuture
						.allOf(connections.stream().map(LoadConnection::drained).toArray(CompletableFuture[]::new)),
					DRAIN_TIMEOUT);
			close(channels);
		}
		finally {
			group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
		}
		return LoadResult.of(connections, measured);
	}

	private List<Channel> open(EventLoopGroup group, List<LoadConnection> connections)
			throws InterruptedException, ExecutionException, TimeoutException {
		WebSocketDialer dialer = new WebSocketDialer(group, this.settings.uri());
		List<CompletableFuture<Channel>> opening = new ArrayList<>();
		for (int number = 0; number < this.settings.connections(); number++) {
			LoadConnection connection = new LoadConnection(number, this.settings, () -> this.phase);
			connections.add(connection);
			opening.add(dialer.open(this.settings.protocol(), connection));
		}
		CompletableFuture.allOf(opening.toArray(CompletableFuture[]::new))
			.get(OPEN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
		return opening.stream().map(CompletableFuture::join).toList();
	}

	private static void close(List<Channel> channels) {
		CompletableFuture<?>[] closed = channels.stream().map(channel -> {
			CompletableFuture<Void> done = new CompletableFuture<>();
			channel.writeAndFlush(new CloseWebSocketFrame());
			channel.closeFuture().addListener(future -> done.complete(null));
			return done;
		}).toArray(CompletableFuture[]::new);
		awaitQuietly(CompletableFuture.allOf(closed), CLOSE_TIMEOUT);
	}

	private static void awaitQuietly(CompletableFuture<Void> future, Duration timeout) {
		try {
			future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (ExecutionException | TimeoutException ex) {
			// the connections that did not finish are reported by LoadResult
		}
	}

}
