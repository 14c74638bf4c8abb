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
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;

/**
 * One endpoint of a {@link LoadTool} run: its connections, where the run is on it, and
 * how long it has been measured. The load runs on it in slices ({@link #runSlice}); in
 * between, its connections stay open with nothing in flight.
 */
final class LoadTarget {

	private static final Duration OPEN_TIMEOUT = Duration.ofSeconds(60);

	private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(10);

	private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

	/** How long a measured slice lets the windows fill before it counts echoes. */
	private static final Duration SETTLE = Duration.ofMillis(100);

	private final LoadEndpoint endpoint;

	private final LoadSettings settings;

	private final List<LoadConnection> connections = new ArrayList<>();

	private List<Channel> channels = List.of();

	private volatile LoadPhase phase = LoadPhase.DRAIN;

	private long measuredNanos;

	LoadTarget(LoadEndpoint endpoint, LoadSettings settings) {
		this.endpoint = endpoint;
		this.settings = settings;
	}

	LoadEndpoint endpoint() {
		return this.endpoint;
	}

	/**
	 * Opens {@link LoadSettings#connections()} connections, nothing in flight yet.
	 * @param group the event loops of the connections
	 * @throws ExecutionException if a connection could not be opened
	 * @throws TimeoutException if the connections took longer than a minute to open
	 * @throws InterruptedException if interrupted while waiting for them
	 */
	void open(EventLoopGroup group) throws InterruptedException, ExecutionException, TimeoutException {
		WebSocketDialer dialer = new WebSocketDialer(group, this.endpoint.uri());
		List<CompletableFuture<Channel>> opening = new ArrayList<>();
		for (int number = 0; number < this.settings.connections(); number++) {
			LoadConnection connection = new LoadConnection(number, this.settings, () -> this.phase);
			this.connections.add(connection);
			opening.add(dialer.open(this.endpoint.protocol(), connection));
		}
		CompletableFuture.allOf(opening.toArray(CompletableFuture[]::new))
			.get(OPEN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
		this.channels = opening.stream().map(CompletableFuture::join).toList();
	}

	/**
	 * Runs the load for a while, then waits for the messages in flight.
	 * @param length how long messages flow (after a settling time of 100 ms when
	 * measured)
	 * @param measured whether echoes are counted and timed
	 * @return whether every connection answered all its messages, or failed, within 10 s
	 * @throws InterruptedException if interrupted while waiting
	 */
	boolean runSlice(Duration length, boolean measured) throws InterruptedException {
		this.phase = LoadPhase.WARMUP;
		this.connections.forEach(LoadConnection::start);
		if (measured) {
			Thread.sleep(SETTLE.toMillis());
			this.phase = LoadPhase.MEASURE;
		}
		long start = System.nanoTime();
		Thread.sleep(length.toMillis());
		this.phase = LoadPhase.DRAIN;
		if (measured) {
			this.measuredNanos += System.nanoTime() - start;
		}
		return awaitQuietly(
				CompletableFuture
					.allOf(this.connections.stream().map(LoadConnection::drain).toArray(CompletableFuture[]::new)),
				DRAIN_TIMEOUT);
	}

	/**
	 * Sends every connection a close frame and waits up to 5 s for them to close.
	 */
	void close() {
		this.phase = LoadPhase.DONE;
		CompletableFuture<?>[] closed = this.channels.stream().map(channel -> {
			CompletableFuture<Void> done = new CompletableFuture<>();
			channel.writeAndFlush(new CloseWebSocketFrame());
			channel.closeFuture().addListener(future -> done.complete(null));
			return done;
		}).toArray(CompletableFuture[]::new);
		awaitQuietly(CompletableFuture.allOf(closed), CLOSE_TIMEOUT);
	}

	/**
	 * What the connections saw; read once their event loops have terminated.
	 * @return the result, over the time this endpoint was measured; failed if that is
	 * less than the duration asked for (the run stopped early)
	 */
	LoadResult result() {
		Duration measured = Duration.ofNanos(this.measuredNanos);
		LoadResult result = LoadResult.of(this.connections, measured);
		if (measured.compareTo(this.settings.duration()) < 0) {
			return result.withFailure("the run stopped after " + measured.toMillis() + " ms of the "
					+ this.settings.duration().toMillis() + " ms to measure");
		}
		return result;
	}

	private static boolean awaitQuietly(CompletableFuture<Void> future, Duration timeout) {
		try {
			future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
			return true;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (ExecutionException | TimeoutException ex) {
			// the connections that did not finish are reported by LoadResult
		}
		return false;
	}

}
