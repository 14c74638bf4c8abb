package dev.cyclone.websocket.benchmarks;

import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import org.HdrHistogram.Histogram;

/**
 * One connection of a {@link LoadTool} run: keeps {@link LoadSettings#window()} messages
 * in flight, checks every echo against the message it answers (echoes arrive in the order
 * the messages were sent) and times it.
 *
 * <p>
 * Everything runs on the connection's event loop ({@link #start()} and {@link #drain()}
 * hand their work to it); the counters and {@link #drained()} are read once the event
 * loops have terminated. A connection can be drained and started again any number of
 * times: {@link LoadTool} measures several endpoints in turn that way.
 */
final class LoadConnection extends SimpleChannelInboundHandler<TextWebSocketFrame> {

	private final int number;

	private final LoadSettings settings;

	private final Supplier<LoadPhase> phase;

	private final long[] sentAt;

	private final Histogram latencies = new Histogram(3);

	private CompletableFuture<Void> drained = CompletableFuture.completedFuture(null);

	private ChannelHandlerContext context;

	private boolean flushPending;

	private long nextToSend;

	private long nextExpected;

	private long checked;

	private long mismatches;

	private String failure;

	/**
	 * Creates the connection's handler.
	 * @param number the connection's number, part of every message it sends
	 * @param settings the run's settings
	 * @param phase where the run is
	 */
	LoadConnection(int number, LoadSettings settings, Supplier<LoadPhase> phase) {
		this.number = number;
		this.settings = settings;
		this.phase = phase;
		this.sentAt = new long[settings.window()];
	}

	@Override
	public void handlerAdded(ChannelHandlerContext ctx) {
		this.context = ctx;
	}

	/**
	 * Fills the window: sends messages until {@link LoadSettings#window()} are in flight.
	 * Call when the phase lets messages flow, first or after a {@link #drain()}.
	 */
	void start() {
		this.context.executor().execute(() -> {
			while (this.nextToSend - this.nextExpected < this.settings.window()) {
				send();
			}
			this.context.flush();
		});
	}

	/**
	 * Waits for the messages in flight. Call once the phase is {@link LoadPhase#DRAIN}.
	 * @return completes at once if nothing is in flight or the connection failed;
	 * otherwise the last echo completes it
	 */
	CompletableFuture<Void> drain() {
		CompletableFuture<Void> drained = new CompletableFuture<>();
		this.context.executor().execute(() -> {
			this.drained = drained;
			if (this.failure != null) {
				drained.complete(null);
			}
			completeIfDrained();
		});
		return drained;
	}

	/**
	 * The last {@link #drain()}: done when every message sent before it was answered, or
	 * the connection failed. Read once the event loop has terminated.
	 * @return the future
	 */
	CompletableFuture<Void> drained() {
		return this.drained;
	}

	@Override
	protected void channelRead0(ChannelHandlerContext ctx, TextWebSocketFrame frame) {
		String text = frame.text();
		if (this.nextExpected == this.nextToSend) {
			mismatch("an echo with no message in flight", text);
			return;
		}
		long sequence = this.nextExpected++;
		long latency = System.nanoTime() - this.sentAt[slot(sequence)];
		this.checked++;
		String expected = this.settings.expectedPrefix()
				+ EchoPayload.of(this.number, sequence, this.settings.messageSize());
		if (!text.equals(expected)) {
			mismatch(expected, text);
		}
		LoadPhase now = this.phase.get();
		if (now == LoadPhase.MEASURE) {
			this.latencies.recordValue(latency);
		}
		if (now == LoadPhase.WARMUP || now == LoadPhase.MEASURE) {
			send();
			this.flushPending = true;
		}
		else {
			completeIfDrained();
		}
	}

	@Override
	public void channelReadComplete(ChannelHandlerContext ctx) {
		if (this.flushPending) {
			this.flushPending = false;
			ctx.flush();
		}
		ctx.fireChannelReadComplete();
	}

	@Override
	public void channelInactive(ChannelHandlerContext ctx) {
		fail("connection closed with " + (this.nextToSend - this.nextExpected) + " messages in flight");
		ctx.fireChannelInactive();
	}

	@Override
	public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
		fail(cause.toString());
		ctx.close();
	}

	/**
	 * The echoes checked so far.
	 * @return the count, warm-up and drain included
	 */
	long checked() {
		return this.checked;
	}

	/**
	 * The echoes that differed from the message they answer.
	 * @return the count
	 */
	long mismatches() {
		return this.mismatches;
	}

	/**
	 * Why the connection failed.
	 * @return the first failure, or {@code null} if none
	 */
	String failure() {
		return this.failure;
	}

	/**
	 * The latencies of the echoes received during the measurement.
	 * @return the histogram, in nanoseconds
	 */
	Histogram latencies() {
		return this.latencies;
	}

	private void send() {
		long sequence = this.nextToSend++;
		this.sentAt[slot(sequence)] = System.nanoTime();
		this.context.write(new TextWebSocketFrame(EchoPayload.of(this.number, sequence, this.settings.messageSize())));
	}

	private int slot(long sequence) {
		return (int) (sequence % this.sentAt.length);
	}

	private void completeIfDrained() {
		if (this.nextExpected == this.nextToSend) {
			this.drained.complete(null);
		}
	}

	private void mismatch(String expected, String actual) {
		if (this.mismatches++ == 0) {
			System.err.println("Connection " + this.number + ": expected " + expected + " but got " + actual);
		}
	}

	private void fail(String reason) {
		if (this.phase.get() == LoadPhase.DONE) {
			return;
		}
		if (this.failure == null) {
			this.failure = reason;
		}
		this.drained.complete(null);
	}

}
