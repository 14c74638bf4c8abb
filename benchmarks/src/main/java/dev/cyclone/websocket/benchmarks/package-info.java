/**
 * JMH benchmarks of the Hixie-76 codec in {@code dev.cyclone.websocket.hixie76}, measured side by
 * side with Netty's {@code WebSocket00FrameDecoder} / {@code WebSocket00FrameEncoder} and with the
 * "limit" of a decoder that hands {@code String}s to handlers.
 *
 * <ul>
 *   <li>{@link dev.cyclone.websocket.benchmarks.Hixie76DecoderBenchmark} and
 *       {@link dev.cyclone.websocket.benchmarks.Hixie76EncoderBenchmark} are the JMH benchmarks.</li>
 *   <li>{@link dev.cyclone.websocket.benchmarks.CodecCheck} verifies, before anything is measured,
 *       that each codec produces the expected output on the benchmark inputs.</li>
 *   <li>{@link dev.cyclone.websocket.benchmarks.BenchmarkReport} runs both benchmarks and prints
 *       the Markdown report.</li>
 * </ul>
 *
 * <p>Inputs are generated from fixed seeds, so every JVM (the report's and JMH's forks) sees the
 * same bytes.
 */
package dev.cyclone.websocket.benchmarks;
