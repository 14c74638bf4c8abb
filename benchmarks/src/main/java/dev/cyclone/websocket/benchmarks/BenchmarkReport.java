package dev.cyclone.websocket.benchmarks;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;

import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs {@link Hixie76DecoderBenchmark} and {@link Hixie76EncoderBenchmark} and prints the
 * Markdown report ({@link CodecReport}) to stdout and to {@code codec-report.md} next to
 * the benchmarks jar ({@code benchmarks/target/}).
 *
 * <p>
 * The defaults (1 fork, warmup 3 &times; 1 s, measurement 5 &times; 1 s) take about five
 * minutes on two cores. System properties override them:
 * <ul>
 * <li>{@code bench.forks}, {@code bench.warmupIterations},
 * {@code bench.measurementIterations}: counts;</li>
 * <li>{@code bench.warmupTime}, {@code bench.measurementTime}: JMH durations such as
 * {@code 500ms} or {@code 2s};</li>
 * <li>{@code bench.include}: a regular expression selecting benchmarks, such as
 * {@code Decoder.*cyclone} (the report shows the others as n/a).</li>
 * </ul>
 */
public final class BenchmarkReport {

	private BenchmarkReport() {
	}

	/**
	 * Runs the benchmarks and writes the report.
	 * @param args ignored; see the class description for the system properties
	 * @throws RunnerException if JMH cannot run
	 * @throws IOException if the report file cannot be written
	 * @throws URISyntaxException if the location of this class is not a file path
	 */
	public static void main(String[] args) throws RunnerException, IOException, URISyntaxException {
		Options options = options();
		double loadAverageBefore = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
		Collection<RunResult> results = new Runner(options).run();
		String report = new CodecReport(options, results, loadAverageBefore).markdown();
		Path file = Path.of(BenchmarkReport.class.getProtectionDomain().getCodeSource().getLocation().toURI())
			.resolveSibling("codec-report.md");
		Files.writeString(file, report);
		System.out.println();
		System.out.println(report);
		System.out.println("Report written to " + file);
	}

	private static Options options() {
		ChainedOptionsBuilder builder = new OptionsBuilder().forks(Integer.getInteger("bench.forks", 1))
			.warmupIterations(Integer.getInteger("bench.warmupIterations", 3))
			.warmupTime(TimeValue.fromString(System.getProperty("bench.warmupTime", "1s")))
			.measurementIterations(Integer.getInteger("bench.measurementIterations", 5))
			.measurementTime(TimeValue.fromString(System.getProperty("bench.measurementTime", "1s")));
		String include = System.getProperty("bench.include");
		if (include != null) {
			return builder.include(include).build();
		}
		return builder.include(Hixie76DecoderBenchmark.class.getName() + "\\.")
			.include(Hixie76EncoderBenchmark.class.getName() + "\\.")
			.build();
	}

}
