package dev.cyclone.websocket.benchmarks;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;

/**
 * Broadcast throughput across instances: opens receivers spread evenly over one or more
 * {@link BroadcastServer} instances (every other one Hixie-76, the others RFC 6455) and
 * one publisher on the first, which sends numbered messages of a fixed size that the
 * server broadcasts to every receiver. Closed loop: at most {@code window} messages are
 * in flight, a message counting as delivered once every receiver has it. Every delivery
 * is checked (number in order, size); a wrong, missing or extra delivery fails the run.
 * Prints deliveries per second over the measured period.
 *
 * <p>
 * {@code java -cp benchmarks.jar dev.cyclone.websocket.benchmarks.BroadcastTool
 * PORTS RECEIVERS MESSAGE_BYTES WINDOW WARMUP_S DURATION_S}, for example
 * {@code 8888,8889 2000 16 8 5 15}.
 */
public final class BroadcastTool {

	private static final int RING = 1024;

	private static final Duration OPEN_TIMEOUT = Duration.ofSeconds(120);

	private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(30);

	private final int[] ports;

	private final int receivers;

	private final int messageBytes;

	private final int window;

	private final AtomicIntegerArray arrivals = new AtomicIntegerArray(RING);

	private final Semaphore inFlight;

	private final AtomicLong deliveries = new AtomicLong();

	private final AtomicReference<String> failure = new AtomicReference<>();

	private volatile boolean closing;

	private BroadcastTool(int[] ports, int receivers, int messageBytes, int window) {
		this.ports = ports;
		this.receivers = receivers;
		this.messageBytes = messageBytes;
		this.window = window;
		this.inFlight = new Semaphore(window);
	}

	/**
	 * Runs the benchmark and prints its result; exits with 1 when a delivery was wrong.
	 * @param args ports, receivers, message bytes, window, warm-up and measured seconds
	 * @throws Exception if the connections cannot be opened
	 */
	public static void main(String[] args) throws Exception {
		if (args.length != 6) {
			System.err.println("usage: BroadcastTool PORTS RECEIVERS MESSAGE_BYTES WINDOW WARMUP_S DURATION_S");
			System.exit(2);
		}
		int[] ports = Arrays.stream(args[0].split(",")).mapToInt(Integer::parseInt).toArray();
		if (Integer.parseInt(args[2]) < 11) {
			System.err.println("MESSAGE_BYTES must be at least 11: each message starts with its number");
			System.exit(2);
		}
		BroadcastTool tool = new BroadcastTool(ports, Integer.parseInt(args[1]), Integer.parseInt(args[2]),
				Integer.parseInt(args[3]));
		String result = tool.run(Duration.ofSeconds(Long.parseLong(args[4])),
				Duration.ofSeconds(Long.parseLong(args[5])));
		System.out.println(result);
		System.exit(tool.failure.get() == null ? 0 : 1);
	}

	private String run(Duration warmup, Duration duration) throws Exception {
		EventLoopGroup group = new MultiThreadIoEventLoopGroup(Integer.getInteger("load.threads", 1),
				NioIoHandler.newFactory());
		try {
			List<Receiver> receiving = new ArrayList<>();
			List<CompletableFuture<Channel>> opening = new ArrayList<>();
			for (int number = 0; number < this.receivers; number++) {
				Receiver receiver = new Receiver();
				receiving.add(receiver);
				ClientProtocol protocol = (number % 2 == 0) ? ClientProtocol.RFC6455 : ClientProtocol.HIXIE76;
				opening.add(dialer(group, this.ports[(number / 2) % this.ports.length]).open(protocol, receiver));
			}
			CompletableFuture.allOf(opening.toArray(CompletableFuture[]::new))
				.get(OPEN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
			Channel publisher = dialer(group, this.ports[0]).open(ClientProtocol.RFC6455, new Receiver())
				.get(OPEN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
			Publishing publishing = new Publishing(publisher);
			Thread thread = new Thread(publishing, "publisher");
			thread.start();
			Thread.sleep(warmup.toMillis());
			long startDeliveries = this.deliveries.get();
			long start = System.nanoTime();
			Thread.sleep(duration.toMillis());
			long measured = this.deliveries.get() - startDeliveries;
			double seconds = (System.nanoTime() - start) / 1e9;
			publishing.stop = true;
			thread.join();
			if (!this.inFlight.tryAcquire(this.window, DRAIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
				fail("messages still undelivered " + DRAIN_TIMEOUT.toSeconds() + " s after the last was sent");
			}
			long sent = publishing.sent;
			for (Receiver receiver : receiving) {
				if (receiver.received != sent) {
					fail("a receiver got " + receiver.received + " of " + sent + " messages");
				}
			}
			this.closing = true;
			opening.forEach((channel) -> channel.join().writeAndFlush(new CloseWebSocketFrame()));
			publisher.writeAndFlush(new CloseWebSocketFrame());
			String outcome = (this.failure.get() == null) ? "every delivery checked" : "FAILED: " + this.failure.get();
			return String.format(
					"deliveries/s %.0f (messages/s %.0f, %d receivers on %s, %d B, window %d, %d sent); %s",
					measured / seconds, measured / seconds / this.receivers, this.receivers,
					Arrays.toString(this.ports), this.messageBytes, this.window, sent, outcome);
		}
		finally {
			group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
		}
	}

	private static WebSocketDialer dialer(EventLoopGroup group, int port) {
		return new WebSocketDialer(group, URI.create("ws://127.0.0.1:" + port + "/broadcast"));
	}

	private void fail(String why) {
		this.failure.compareAndSet(null, why);
	}

	private String message(long number) {
		String prefix = String.format("%010d:", number);
		return prefix + "x".repeat(Math.max(0, this.messageBytes - prefix.length()));
	}

	/** Sends numbered messages, at most {@code window} undelivered at a time. */
	private final class Publishing implements Runnable {

		private final Channel channel;

		volatile boolean stop;

		volatile long sent;

		Publishing(Channel channel) {
			this.channel = channel;
		}

		@Override
		public void run() {
			try {
				for (long number = 0; !this.stop && BroadcastTool.this.failure.get() == null; number++) {
					while (!BroadcastTool.this.inFlight.tryAcquire(100, TimeUnit.MILLISECONDS)) {
						if (this.stop) {
							return;
						}
					}
					BroadcastTool.this.arrivals.set((int) (number % RING), 0);
					this.channel.writeAndFlush(new TextWebSocketFrame(message(number)));
					this.sent = number + 1;
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}

	}

	/** One receiver: checks each message's number and size, counts the deliveries. */
	private final class Receiver extends SimpleChannelInboundHandler<TextWebSocketFrame> {

		volatile long received;

		@Override
		protected void channelRead0(ChannelHandlerContext ctx, TextWebSocketFrame frame) {
			String text = frame.text();
			long expected = this.received;
			if (text.length() != BroadcastTool.this.messageBytes || text.length() < 11 || text.charAt(10) != ':'
					|| Long.parseLong(text, 0, 10, 10) != expected) {
				fail("expected message " + expected + " of " + BroadcastTool.this.messageBytes + " B, got "
						+ text.substring(0, Math.min(20, text.length())) + "... (" + text.length() + " B)");
				return;
			}
			this.received = expected + 1;
			BroadcastTool.this.deliveries.incrementAndGet();
			if (BroadcastTool.this.arrivals.incrementAndGet((int) (expected % RING)) == BroadcastTool.this.receivers) {
				BroadcastTool.this.inFlight.release();
			}
		}

		@Override
		public void channelInactive(ChannelHandlerContext ctx) {
			if (!BroadcastTool.this.closing) {
				fail("a connection closed during the run");
			}
			ctx.fireChannelInactive();
		}

	}

}
