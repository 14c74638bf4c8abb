package dev.cyclone.websocket.benchmarks;

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
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Decodes about 1 MiB of Hixie-76 text frames per operation with our decoder (through
 * both of its APIs), Netty's, and the limit loop (see {@link Decoder}), on identical
 * input. Every decoded {@code String} goes to the blackhole. MB/s is the operation rate
 * times the stream size ({@link DecoderInput#stream()}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class Hixie76DecoderBenchmark {

	/** Message shape: an {@link InputShape} label. */
	@Param({ "small-16B", "ascii-1KiB", "utf8-1KiB", "ascii-64KiB" })
	public String input;

	/** How the stream is delivered: a {@link Delivery} label. */
	@Param({ "whole", "chunked-1460" })
	public String delivery;

	private DecoderInput frames;

	/**
	 * Generates the input and decodes it once with the decoder this fork measures,
	 * printing a line if its output is wrong. A wrong decoder is still measured (see
	 * {@link CodecCheck}); one that throws fails its benchmark, as it would fail the
	 * connection. The other decoders are not run here: they would feed their own
	 * consumers through code shared with the measured one (the cyclone sink call site
	 * serves both {@code cyclone} and {@code cycloneFeed}) and skew the JIT's type
	 * profiles; {@link CodecReport} checks every decoder.
	 * @param params tells which benchmark method this fork runs
	 */
	@Setup(Level.Trial)
	public void prepare(BenchmarkParams params) {
		this.frames = DecoderInput.create(InputShape.of(this.input), Delivery.of(this.delivery));
		String method = params.getBenchmark().substring(params.getBenchmark().lastIndexOf('.') + 1);
		Decoder decoder = Decoder.of(method);
		CodecCheck.Verdict verdict = CodecCheck.decode(decoder, this.frames);
		if (!verdict.correct()) {
			System.out.printf("%n# %s on %s %s: %s (compare with limit only)%n", decoder.label(), this.input,
					this.delivery, verdict.description());
		}
	}

	/**
	 * Our {@code Hixie76FrameDecoder}, handing each message to the blackhole as it
	 * decodes it.
	 * @param blackhole receives every message
	 */
	@Benchmark
	public void cyclone(Blackhole blackhole) {
		Decoder.CYCLONE.decode(this.frames, blackhole::consume);
	}

	/**
	 * Our {@code Hixie76FrameDecoder} through {@code feed}, which returns a list per
	 * piece.
	 * @param blackhole receives every message
	 */
	@Benchmark
	public void cycloneFeed(Blackhole blackhole) {
		Decoder.CYCLONE_FEED.decode(this.frames, blackhole::consume);
	}

	/**
	 * Netty's {@code WebSocket00FrameDecoder} in an {@code EmbeddedChannel}.
	 * @param blackhole receives every message
	 */
	@Benchmark
	public void netty(Blackhole blackhole) {
		Decoder.NETTY.decode(this.frames, blackhole::consume);
	}

	/**
	 * The plain loop over the whole stream: the upper bound.
	 * @param blackhole receives every message
	 */
	@Benchmark
	public void limit(Blackhole blackhole) {
		Decoder.LIMIT.decode(this.frames, blackhole::consume);
	}

}
