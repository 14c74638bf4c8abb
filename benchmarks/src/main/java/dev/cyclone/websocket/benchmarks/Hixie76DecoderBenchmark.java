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
import org.openjdk.jmh.infra.Blackhole;

/**
 * Decodes about 1 MiB of Hixie-76 text frames per operation with our decoder, Netty's, and the
 * limit loop (see {@link Decoder}), on identical input. Every decoded {@code String} goes to the
 * blackhole. MB/s is the operation rate times the stream size ({@link DecoderInput#stream()}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class Hixie76DecoderBenchmark {

	/** Message shape: an {@link InputShape} label. */
	@Param({"small-16B", "ascii-1KiB", "utf8-1KiB", "ascii-64KiB"})
	public String input;

	/** How the stream is delivered: a {@link Delivery} label. */
	@Param({"whole", "chunked-1460"})
	public String delivery;

	private DecoderInput frames;

	/**
	 * Generates the input and decodes it once with every decoder, printing a line for each one
	 * whose output is wrong. A wrong decoder is still measured (see {@link CodecCheck}); one
	 * that throws fails its benchmark, as it would fail the connection.
	 */
	@Setup(Level.Trial)
	public void prepare() {
		frames = DecoderInput.create(InputShape.of(input), Delivery.of(delivery));
		for (Decoder decoder : Decoder.values()) {
			CodecCheck.Verdict verdict = CodecCheck.decode(decoder, frames);
			if (!verdict.correct()) {
				System.out.printf("%n# %s on %s %s: %s (compare with limit only)%n",
						decoder.label(), input, delivery, verdict.description());
			}
		}
	}

	/**
	 * Our {@code Hixie76FrameDecoder}.
	 *
	 * @param blackhole receives every message
	 */
	@Benchmark
	public void cyclone(Blackhole blackhole) {
		Decoder.CYCLONE.decode(frames, blackhole::consume);
	}

	/**
	 * Netty's {@code WebSocket00FrameDecoder} in an {@code EmbeddedChannel}.
	 *
	 * @param blackhole receives every message
	 */
	@Benchmark
	public void netty(Blackhole blackhole) {
		Decoder.NETTY.decode(frames, blackhole::consume);
	}

	/**
	 * The plain loop over the whole stream: the upper bound.
	 *
	 * @param blackhole receives every message
	 */
	@Benchmark
	public void limit(Blackhole blackhole) {
		Decoder.LIMIT.decode(frames, blackhole::consume);
	}
}
