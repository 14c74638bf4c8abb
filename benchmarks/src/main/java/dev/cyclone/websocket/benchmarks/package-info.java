/**
 * Benchmarks of cyclone-websocket, run by hand and never published.
 *
 * <p>
 * JMH benchmarks of the Hixie-76 codec in {@code dev.cyclone.websocket.hixie76}, measured
 * side by side with Netty's {@code WebSocket00FrameDecoder} /
 * {@code WebSocket00FrameEncoder} and with the "limit" of a decoder that hands
 * {@code String}s to handlers:
 * <ul>
 * <li>{@link dev.cyclone.websocket.benchmarks.Hixie76DecoderBenchmark} and
 * {@link dev.cyclone.websocket.benchmarks.Hixie76EncoderBenchmark} are the JMH
 * benchmarks.</li>
 * <li>{@link dev.cyclone.websocket.benchmarks.CodecCheck} verifies, before anything is
 * measured, that each codec produces the expected output on the benchmark inputs.</li>
 * <li>{@link dev.cyclone.websocket.benchmarks.BenchmarkReport} runs both benchmarks and
 * prints the Markdown report.</li>
 * </ul>
 * Inputs are generated from fixed seeds, so every JVM (the report's and JMH's forks) sees
 * the same bytes.
 *
 * <p>
 * End-to-end tools and the servers they are compared on (driven by
 * {@code benchmarks/run-load.sh}, {@code benchmarks/run-scale.sh} and
 * {@code benchmarks/run-cluster.sh}):
 * <ul>
 * <li>{@link dev.cyclone.websocket.benchmarks.LoadTool}: echo throughput and latency over
 * N connections with W messages in flight each, every echo checked; several servers
 * measured in turn, in slices of a second, so that they meet the same machine.</li>
 * <li>{@link dev.cyclone.websocket.benchmarks.ScaleTool}: thousands of idle connections,
 * opened in steps, one checked echo each.</li>
 * <li>{@link dev.cyclone.websocket.benchmarks.NettyEchoServer} (the reference, RFC 6455
 * and Hixie-76) and {@link dev.cyclone.websocket.benchmarks.SpringEchoApplication} (a
 * plain Spring {@code TextWebSocketHandler} on Tomcat) answer like the sample
 * application's echo.</li>
 * <li>{@link dev.cyclone.websocket.benchmarks.BroadcastTool} against one or more
 * {@link dev.cyclone.websocket.benchmarks.BroadcastServer}s: broadcast deliveries per
 * second across instances (through Redis) and on one instance, every delivery
 * checked.</li>
 * </ul>
 */
package dev.cyclone.websocket.benchmarks;
