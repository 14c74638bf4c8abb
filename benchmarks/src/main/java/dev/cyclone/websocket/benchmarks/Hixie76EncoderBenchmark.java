package dev.cyclone.websocket.benchmarks;

import java.util.List;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.Blackhole;

import dev.cyclone.websocket.hixie76.Hixie76FrameEncoder;

/**
 * Encodes one text message per operation, from {@code String} to wire bytes, with our
 * {@link Hixie76FrameEncoder} and with Netty's encoder on one long-lived channel
 * ({@link NettyTextEncoder}). The operation rate is the message rate.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class Hixie76EncoderBenchmark {

	/** The {@link InputShape} labels this benchmark sends, in report order. */
	static final List<String> MESSAGES = List.of("small-16B", "ascii-1KiB", "utf8-1KiB");

	/** Message shape: one of {@link #MESSAGES}. */
	@Param({ "small-16B", "ascii-1KiB", "utf8-1KiB" })
	public String message;

	private String text;

	private NettyTextEncoder netty;

	/**
	 * Generates the message and checks both encoders once, printing a line for a wrong
	 * one.
	 */
	@Setup(Level.Trial)
	public void prepare() {
		this.text = InputShape.of(this.message).sample();
		this.netty = new NettyTextEncoder();
		if (!CodecCheck.cycloneEncodesCorrectly(this.text) || !CodecCheck.nettyEncodesCorrectly(this.text)) {
			System.out.printf("%n# WRONG OUTPUT encoding %s: run CodecCheck%n", this.message);
		}
	}

	/** Closes Netty's channel. */
	@TearDown(Level.Trial)
	public void close() {
		this.netty.close();
	}

	/**
	 * Our {@code Hixie76FrameEncoder.encodeText}.
	 * @return the frame, consumed by JMH
	 */
	@Benchmark
	public byte[] cyclone() {
		return Hixie76FrameEncoder.encodeText(this.text);
	}

	/**
	 * Netty's {@code WebSocket00FrameEncoder}: write the frame, drain and release the
	 * output.
	 * @param blackhole receives every outbound buffer
	 */
	@Benchmark
	public void netty(Blackhole blackhole) {
		this.netty.encode(this.text, blackhole::consume);
	}

}
