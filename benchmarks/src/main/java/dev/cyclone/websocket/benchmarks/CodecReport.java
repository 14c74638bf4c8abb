package dev.cyclone.websocket.benchmarks;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.netty.util.Version;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.options.Options;

/**
 * Turns the JMH results of the codec benchmarks into Markdown: the machine and settings,
 * a decoder table (MB/s of each decoder, ratios, messages/s, output check) and an encoder
 * table. The output check is re-run here with {@link CodecCheck} on the same generated
 * input the forks measured. MB is 10<sup>6</sup> bytes; a missing result (not run, or the
 * benchmark threw) is n/a.
 */
final class CodecReport {

	private static final String NOT_AVAILABLE = "n/a";

	private static final String NOT_COMPARABLE = "\u2014";

	private final Options options;

	private final double loadAverageBefore;

	private final Map<String, Result<?>> scores = new HashMap<>();

	/**
	 * Creates a report.
	 * @param options the options the benchmarks ran with
	 * @param results the results of that run
	 * @param loadAverageBefore the system load average of the last minute before the run,
	 * or a negative value if unknown
	 */
	CodecReport(Options options, Collection<RunResult> results, double loadAverageBefore) {
		this.options = options;
		this.loadAverageBefore = loadAverageBefore;
		for (RunResult result : results) {
			BenchmarkParams params = result.getParams();
			String benchmark = params.getBenchmark();
			String method = benchmark.substring(benchmark.lastIndexOf('.') + 1);
			this.scores.put(
					key(method, params.getParam("input"), params.getParam("delivery"), params.getParam("message")),
					result.getPrimaryResult());
		}
	}

	/**
	 * Renders the whole report.
	 * @return Markdown text ending with a newline
	 */
	String markdown() {
		StringBuilder md = new StringBuilder();
		md.append("## Hixie-76 codec: cyclone vs Netty ").append(nettyVersion()).append("\n\n");
		md.append(String.format(Locale.ROOT,
				"Machine: %d cores, %s, %s %s; 1-minute load average %.2f before"
						+ " the run, %.2f after (the benchmark itself adds about 1)  %n",
				Runtime.getRuntime().availableProcessors(), System.getProperty("os.name"),
				System.getProperty("java.vm.name"), System.getProperty("java.version"), this.loadAverageBefore,
				ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()));
		md.append(String.format(Locale.ROOT,
				"JMH: forks %d, warmup %d x %s, measurement %d x %s, throughput; \u00b1 is the 99.9%% confidence"
						+ " interval; MB = 10^6 bytes%n%n",
				this.options.getForkCount().orElse(1), this.options.getWarmupIterations().orElse(0),
				this.options.getWarmupTime().orElse(null), this.options.getMeasurementIterations().orElse(0),
				this.options.getMeasurementTime().orElse(null)));
		md.append("Command: `").append(command()).append("`\n\n");
		decoderTable(md);
		encoderTable(md);
		return md.toString();
	}

	/**
	 * The command that reproduces this run, with the {@code bench.*} overrides it used.
	 */
	private static String command() {
		StringBuilder command = new StringBuilder("java");
		System.getProperties()
			.stringPropertyNames()
			.stream()
			.filter(name -> name.startsWith("bench."))
			.sorted()
			.forEach(name -> command.append(" -D").append(name).append('=').append(System.getProperty(name)));
		return command.append(" -cp benchmarks/target/benchmarks.jar ")
			.append(BenchmarkReport.class.getName())
			.toString();
	}

	private void decoderTable(StringBuilder md) {
		md.append("### Decoder: about 1 MiB of frames per operation, every message materialised as a String\n\n");
		row(md, "input", "delivery", "cyclone MB/s", "netty MB/s", "limit MB/s", "cyclone/netty", "cyclone/limit",
				"cyclone msg/s", "feed() MB/s", "feed()/limit", "output check");
		md.append("|---|---|--:|--:|--:|--:|--:|--:|--:|--:|---|\n");
		List<String> failures = new ArrayList<>();
		for (InputShape shape : InputShape.values()) {
			for (Delivery delivery : Delivery.values()) {
				decoderRow(md, DecoderInput.create(shape, delivery), delivery, failures);
			}
		}
		md.append("\nlimit: one loop over the whole buffer (whatever the delivery) that finds each 0xFF and decodes"
				+ " the UTF-8 before it with `new String`. cyclone hands each message to the consumer as it decodes"
				+ " it (`decode`, as the servlet transport does); feed() is the same decoder returning a list per"
				+ " piece. Ratios are of mean scores; \u2014 where an output is wrong.\n");
		for (String failure : failures) {
			md.append("- ").append(failure).append('\n');
		}
		md.append('\n');
	}

	private void decoderRow(StringBuilder md, DecoderInput input, Delivery delivery, List<String> failures) {
		String label = input.shape().label() + " " + delivery.label();
		Set<Decoder> wrong = EnumSet.noneOf(Decoder.class);
		for (Decoder decoder : Decoder.values()) {
			CodecCheck.Verdict verdict = CodecCheck.decode(decoder, input);
			if (!verdict.correct()) {
				wrong.add(decoder);
				failures.add(label + ", " + decoder.label() + ": " + verdict.description());
			}
		}
		Result<?> cyclone = decoderScore(Decoder.CYCLONE, input, delivery);
		Result<?> netty = decoderScore(Decoder.NETTY, input, delivery);
		Result<?> limit = decoderScore(Decoder.LIMIT, input, delivery);
		Result<?> feed = decoderScore(Decoder.CYCLONE_FEED, input, delivery);
		double megabytes = input.stream().length / 1e6;
		String check = wrong.isEmpty() ? "OK" : wrong.stream().map(Decoder::label).collect(Collectors.joining(", "))
				+ ": WRONG OUTPUT (compare with limit only)";
		row(md, input.shape().label(), delivery.label(), rate(cyclone, megabytes), rate(netty, megabytes),
				rate(limit, megabytes),
				comparable(wrong, Decoder.CYCLONE, Decoder.NETTY) ? ratio(cyclone, netty) : NOT_COMPARABLE,
				comparable(wrong, Decoder.CYCLONE, Decoder.LIMIT) ? ratio(cyclone, limit) : NOT_COMPARABLE,
				rate(cyclone, input.messages().size()), rate(feed, megabytes),
				comparable(wrong, Decoder.CYCLONE_FEED, Decoder.LIMIT) ? ratio(feed, limit) : NOT_COMPARABLE, check);
	}

	private void encoderTable(StringBuilder md) {
		md.append("### Encoder: one message per operation, String to wire bytes\n\n");
		row(md, "message", "frame bytes", "cyclone msg/s", "netty msg/s", "cyclone MB/s", "netty MB/s", "cyclone/netty",
				"output check");
		md.append("|---|--:|--:|--:|--:|--:|--:|---|\n");
		for (String label : Hixie76EncoderBenchmark.MESSAGES) {
			String message = InputShape.of(label).sample();
			int frameBytes = InputShape.of(label).payloadBytes() + 2;
			Result<?> cyclone = this.scores.get(key("cyclone", null, null, label));
			Result<?> netty = this.scores.get(key("netty", null, null, label));
			boolean correct = CodecCheck.cycloneEncodesCorrectly(message) && CodecCheck.nettyEncodesCorrectly(message);
			row(md, label, String.valueOf(frameBytes), rate(cyclone, 1), rate(netty, 1),
					rate(cyclone, frameBytes / 1e6), rate(netty, frameBytes / 1e6),
					correct ? ratio(cyclone, netty) : NOT_COMPARABLE, correct ? "OK" : "WRONG OUTPUT (run CodecCheck)");
		}
	}

	private Result<?> decoderScore(Decoder decoder, DecoderInput input, Delivery delivery) {
		return this.scores.get(key(decoder.label(), input.shape().label(), delivery.label(), null));
	}

	private static boolean comparable(Set<Decoder> wrong, Decoder first, Decoder second) {
		return !wrong.contains(first) && !wrong.contains(second);
	}

	/**
	 * Operation rate times {@code unitsPerOperation}, with its error, or n/a without a
	 * result.
	 */
	private static String rate(Result<?> result, double unitsPerOperation) {
		if (result == null) {
			return NOT_AVAILABLE;
		}
		String score = number(result.getScore() * unitsPerOperation);
		double error = result.getScoreError() * unitsPerOperation;
		return Double.isNaN(error) ? score : score + " \u00b1 " + number(error);
	}

	private static String ratio(Result<?> numerator, Result<?> denominator) {
		if (numerator == null || denominator == null) {
			return NOT_AVAILABLE;
		}
		return String.format(Locale.ROOT, "%.2fx", numerator.getScore() / denominator.getScore());
	}

	private static String number(double value) {
		return String.format(Locale.ROOT, value < 100 ? "%,.1f" : "%,.0f", value);
	}

	private static void row(StringBuilder md, String... cells) {
		md.append("| ").append(String.join(" | ", cells)).append(" |\n");
	}

	private static String key(String method, String input, String delivery, String message) {
		return method + '|' + input + '|' + delivery + '|' + message;
	}

	private static String nettyVersion() {
		Version version = Version.identify().get("netty-codec-http");
		return version == null ? "" : version.artifactVersion();
	}

}
