package dev.cyclone.websocket.benchmarks;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;

/**
 * End-to-end load on WebSocket echo endpoints: opens N connections to each endpoint over
 * its protocol, keeps a window of W messages in flight on each for a fixed duration after
 * a warm-up, checks every echo and prints messages/s and p50/p99/p99.9 latency per
 * endpoint. Any wrong echo or lost connection fails the run (exit status 1).
 *
 * <p>
 * With several endpoints (servers to compare, all running), the load runs on one at a
 * time, in turn, in slices of one second ({@code -Dload.slice-ms}; A B C A B C ...: no
 * endpoint ever follows itself), until each had the warm-up and then the measured
 * duration: every endpoint meets the same machine, whatever else the machine does over
 * the run, which is what makes the ratio of two servers' figures reproducible on a shared
 * machine. The connections of the others stay open with nothing in flight.
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

	private final LoadSettings settings;

	private LoadTool(LoadSettings settings) {
		this.settings = settings;
	}

	/**
	 * Runs the load and prints the report ({@link LoadResult#report()}), one per endpoint
	 * in the order given.
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
		List<LoadTarget> targets = new LoadTool(settings).run();
		boolean passed = true;
		for (LoadTarget target : targets) {
			LoadResult result = target.result();
			if (targets.size() > 1) {
				System.out.println(target.endpoint() + ":");
			}
			System.out.println(result.report());
			passed &= result.passed();
		}
		System.exit(passed ? 0 : 1);
	}

	private List<LoadTarget> run() throws InterruptedException, ExecutionException, TimeoutException {
		EventLoopGroup group = new MultiThreadIoEventLoopGroup(Integer.getInteger("load.threads", 1),
				NioIoHandler.newFactory());
		List<LoadTarget> targets = this.settings.endpoints()
			.stream()
			.map(endpoint -> new LoadTarget(endpoint, this.settings))
			.toList();
		try {
			for (LoadTarget target : targets) {
				target.open(group);
			}
			if (inTurn(targets, this.settings.warmup(), false)) {
				inTurn(targets, this.settings.duration(), true);
			}
			targets.forEach(LoadTarget::close);
		}
		finally {
			group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
		}
		return targets;
	}

	/**
	 * Runs the load on every target in turn, always in the same order (so that no target
	 * ever follows itself), until each had {@code total}; one target runs it in one
	 * slice.
	 * @return whether the run went on to the end: it stops when a slice could not drain
	 * in time (which the target's result reports)
	 */
	private boolean inTurn(List<LoadTarget> targets, Duration total, boolean measured) throws InterruptedException {
		long slice = (targets.size() == 1) ? total.toNanos() : this.settings.slice().toNanos();
		for (long remaining = total.toNanos(); remaining > 0; remaining -= slice) {
			Duration length = Duration.ofNanos(Math.min(slice, remaining));
			for (LoadTarget target : targets) {
				if (!target.runSlice(length, measured)) {
					return false;
				}
			}
		}
		return true;
	}

}
