package dev.cyclone.websocket.benchmarks;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Stream;

import org.HdrHistogram.Histogram;

/**
 * The outcome of a {@link LoadTool} run: throughput and latency of the measurement, and
 * whether every echo was right.
 *
 * @param checked the echoes checked, warm-up and drain included
 * @param mismatches the echoes that differed from the message they answer
 * @param failures why connections failed (closed, errors, echoes missing after the
 * drain), one entry each
 * @param latencies the latencies of the echoes received during the measurement, in
 * nanoseconds
 * @param measured how long the measurement lasted
 */
record LoadResult(long checked, long mismatches, List<String> failures, Histogram latencies, Duration measured) {

	/**
	 * Adds up the connections of a run, read once their event loops have terminated.
	 * @param connections the connections
	 * @param measured how long the measurement lasted
	 * @return the result
	 */
	static LoadResult of(List<LoadConnection> connections, Duration measured) {
		Histogram latencies = new Histogram(3);
		long checked = 0;
		long mismatches = 0;
		for (LoadConnection connection : connections) {
			latencies.add(connection.latencies());
			checked += connection.checked();
			mismatches += connection.mismatches();
		}
		List<String> failures = connections.stream()
			.map(connection -> connection.drained().isDone() ? connection.failure()
					: "echoes still missing after the drain")
			.filter(Objects::nonNull)
			.toList();
		return new LoadResult(checked, mismatches, failures, latencies, measured);
	}

	/**
	 * This result with one more failure.
	 * @param failure why the run failed
	 * @return the result
	 */
	LoadResult withFailure(String failure) {
		return new LoadResult(this.checked, this.mismatches,
				Stream.concat(this.failures.stream(), Stream.of(failure)).toList(), this.latencies, this.measured);
	}

	/**
	 * Whether every echo was right and every connection lasted to the end.
	 * @return {@code true} if the run passed
	 */
	boolean passed() {
		return this.mismatches == 0 && this.failures.isEmpty() && this.checked > 0;
	}

	/**
	 * The echoes received during the measurement per second.
	 * @return the throughput
	 */
	double messagesPerSecond() {
		return this.measured.isZero() ? 0 : this.latencies.getTotalCount() * 1e9 / this.measured.toNanos();
	}

	/**
	 * The report: a few lines for people, then one {@code RESULT} line, tab-separated,
	 * for scripts: {@code RESULT messages/s p50-ms p99-ms p99.9-ms PASS|FAIL}.
	 * @return the report
	 */
	String report() {
		StringBuilder report = new StringBuilder();
		report.append(String.format(Locale.ROOT, "Checked %d echoes: %d mismatches, %d failed connections%n",
				this.checked, this.mismatches, this.failures.size()));
		this.failures.stream()
			.distinct()
			.limit(5)
			.forEach(failure -> report.append("  ").append(failure).append(System.lineSeparator()));
		report.append(
				String.format(Locale.ROOT, "%.0f messages/s; latency ms: p50 %.3f, p99 %.3f, p99.9 %.3f, max %.3f%n",
						messagesPerSecond(), millis(50), millis(99), millis(99.9), this.latencies.getMaxValue() / 1e6));
		report.append(String.format(Locale.ROOT, "RESULT\t%.0f\t%.3f\t%.3f\t%.3f\t%s", messagesPerSecond(), millis(50),
				millis(99), millis(99.9), passed() ? "PASS" : "FAIL"));
		return report.toString();
	}

	private double millis(double percentile) {
		return this.latencies.getValueAtPercentile(percentile) / 1e6;
	}

}
