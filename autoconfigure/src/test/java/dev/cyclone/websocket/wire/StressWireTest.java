package dev.cyclone.websocket.wire;

import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import dev.cyclone.websocket.CloseReason;
import dev.cyclone.websocket.adapter.OpenConnections;
import dev.cyclone.websocket.support.JdkClient;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

/**
 * A bounded stress test: {@value #TOTAL} connections, half RFC 6455 (the JDK client) and
 * half Hixie-76 (raw sockets), each exchanging {@value #MESSAGES} messages with
 * {@code /echo}. The first {@value #PEAK} are held open at once; then they are closed
 * while the other {@value #PEAK} are opened, used and closed, all concurrently. Half the
 * connections close cleanly, the others drop (RFC 6455: the JDK client aborts; Hixie: a
 * reset, or a plain TCP close without the closing frame). Checks that no reply is lost,
 * that nothing leaks (the open-connection count returns, {@code connectionLost} runs
 * exactly once per {@code connectionMade}), and that the server's threads do not grow
 * with the connections.
 * <p>
 * Server and clients share this JVM: {@value #PEAK} connections open at once hold about
 * {@code 2 * PEAK} file descriptors, so the test needs a limit well above that (it is
 * skipped under 4,096).
 */
@SpringBootTest(classes = WireTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("wire")
class StressWireTest {

	private static final int TOTAL = 2000;

	private static final int PEAK = 1000;

	/**
	 * How many connections are opened (or closed) at a time: the size of the clients'
	 * fixed thread pool.
	 */
	private static final int WAVE = 200;

	private static final int MESSAGES = 5;

	/**
	 * The default of {@code server.tomcat.threads.max} and of
	 * {@code server.jetty.threads.max}: the container's request pool never grows past it.
	 */
	private static final int CONTAINER_MAX_THREADS = 200;

	/**
	 * A thread of Jetty's request pool ({@code QueuedThreadPool}): {@code qtp<hash>-<n>}.
	 */
	private static final Pattern JETTY_POOL_THREAD = Pattern.compile("qtp\\d+-\\d+");

	/** The starter's connection executor: {@code max(4, 2 * cores)} threads at most. */
	private static final int CYCLONE_EXECUTOR_THREADS = Math.max(4, 2 * Runtime.getRuntime().availableProcessors());

	/**
	 * Threads the JVM or a library may start on its own meanwhile: Tomcat's single
	 * "WebSocket background processing" thread, Jetty's scheduler, Awaitility's poller,
	 * JDK housekeeping.
	 */
	private static final int OTHER_THREADS_SLACK = 10;

	@LocalServerPort
	int port;

	@Autowired
	Recorder recorder;

	@Autowired
	OpenConnections openConnections;

	private final ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();

	private final AtomicInteger matchedReplies = new AtomicInteger();

	/** Connection id to how the client ended it. */
	private final Map<String, Ending> endings = new ConcurrentHashMap<>();

	private HttpClient http;

	@Test
	void servesThousandsOfMixedConnectionsWithoutLosingMessagesLeakingConnectionsOrGrowingThreads() throws Exception {
		OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
		if (os instanceof com.sun.management.UnixOperatingSystemMXBean unix) {
			assumeThat(unix.getMaxFileDescriptorCount()).as("file descriptor limit").isGreaterThanOrEqualTo(4096);
		}
		ThreadPoolExecutor clients = new ThreadPoolExecutor(WAVE, WAVE, 60, TimeUnit.SECONDS,
				new LinkedBlockingQueue<>(), new CustomizableThreadFactory("stress-client-"));
		ExecutorService jdkClientExecutor = Executors.newFixedThreadPool(4,
				new CustomizableThreadFactory("stress-jdk-"));
		this.http = HttpClient.newBuilder().executor(jdkClientExecutor).build();
		Peer[] held = new Peer[PEAK];
		int openBefore = this.openConnections.count();
		try {
			clients.prestartAllCoreThreads();
			// one of each before the baseline, so that lazily started client and server
			// parts already run
			openAndExchange(-2).close(Ending.CLEAN);
			openAndExchange(-1).close(Ending.CLEAN);
			assertThat(this.failures).isEmpty();
			this.matchedReplies.set(0);
			this.endings.clear();
			await().atMost(Duration.ofSeconds(10)).until(() -> this.openConnections.count() == openBefore);
			ThreadMXBean threads = ManagementFactory.getThreadMXBean();
			int threadsBefore = threads.getThreadCount();
			Map<String, Long> threadsByNameBefore = threadsByName();
			int containerThreadsBefore = containerRequestThreads();
			threads.resetPeakThreadCount();

			// phase 1: open PEAK connections, WAVE at a time, and keep them open; count
			// threads half-way and at the peak
			int threadsAtHalf = 0;
			for (int half = 0; half < 2; half++) {
				List<CompletableFuture<Void>> opening = new ArrayList<>();
				for (int i = half * PEAK / 2; i < (half + 1) * PEAK / 2; i++) {
					int index = i;
					opening.add(CompletableFuture.runAsync(() -> held[index] = openAndExchangeQuietly(index), clients));
				}
				CompletableFuture.allOf(opening.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
				assertThat(this.failures).as("failures while opening").isEmpty();
				int expected = openBefore + (half + 1) * PEAK / 2;
				await().atMost(Duration.ofSeconds(10)).until(() -> this.openConnections.count() == expected);
				if (half == 0) {
					threadsAtHalf = threads.getThreadCount();
				}
			}
			int threadsAtPeak = threads.getThreadCount();
			int containerThreadsAtPeak = containerRequestThreads();
			int peakSoFar = threads.getPeakThreadCount();
			long openFiles = (os instanceof com.sun.management.UnixOperatingSystemMXBean unix)
					? unix.getOpenFileDescriptorCount() : -1;
			System.out.println("Stress: " + this.openConnections.count() + " connections open; threads before "
					+ threadsBefore + " (container " + containerThreadsBefore + "), with " + (PEAK / 2) + " open "
					+ threadsAtHalf + ", with " + PEAK + " open " + threadsAtPeak + " (container "
					+ containerThreadsAtPeak + "), peak so far " + peakSoFar + "; open files " + openFiles
					+ "; new threads by name " + growth(threadsByNameBefore));

			// phase 2: close the held ones while the other half is opened, used and
			// closed, all concurrently
			List<CompletableFuture<Void>> churn = new ArrayList<>();
			for (int i = 0; i < PEAK; i++) {
				Peer peer = held[i];
				int index = PEAK + i;
				churn.add(CompletableFuture.runAsync(() -> closeQuietly(peer), clients));
				churn.add(CompletableFuture.runAsync(() -> closeQuietly(openAndExchangeQuietly(index)), clients));
			}
			CompletableFuture.allOf(churn.toArray(CompletableFuture[]::new)).get(40, TimeUnit.SECONDS);
			int peakOverall = threads.getPeakThreadCount();
			System.out.println("Stress: replies matched " + this.matchedReplies + "; peak threads overall "
					+ peakOverall + " (before " + threadsBefore + ")");

			assertThat(this.failures).as("failures").isEmpty();
			assertThat(this.matchedReplies.get()).as("replies that arrived and matched").isEqualTo(TOTAL * MESSAGES);
			assertThat(this.endings).hasSize(TOTAL);
			await().atMost(Duration.ofSeconds(20)).until(() -> this.openConnections.count() == openBefore);
			await().atMost(Duration.ofSeconds(10))
				.until(() -> this.endings.keySet().stream().allMatch((id) -> !this.recorder.lostOf(id).isEmpty()));
			Map<String, Long> made = this.recorder.made.stream()
				.filter(this.endings::containsKey)
				.collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
			assertThat(made).as("connectionMade per connection")
				.hasSize(TOTAL)
				.allSatisfy((id, count) -> assertThat(count).isOne());
			Map<String, List<Integer>> lostCodes = new TreeMap<>();
			this.endings.keySet()
				.forEach((id) -> lostCodes.put(id, this.recorder.lostOf(id).stream().map(CloseReason::code).toList()));
			assertThat(lostCodes).as("connectionLost per connection").allSatisfy((id, codes) -> {
				assertThat(codes).hasSize(1);
				assertThat(codes.get(0)).as("close code of %s ended %s", id, this.endings.get(id))
					.isEqualTo(this.endings.get(id).code);
			});
			// Threads do not grow with the connections: no transport holds a thread per
			// connection (RFC 6455 and
			// Hixie both use non-blocking I/O). What may grow is bounded by
			// configuration, not by the PEAK connections:
			// the container's request pool, which grows with the concurrent activity of
			// the WAVE clients up to its
			// maximum of 200 (seen here: Tomcat 115 to 200 new threads, Jetty about 100),
			// and the starter's executor.
			// A thread per connection would add PEAK threads at once.
			int otherGrowthAtPeak = (threadsAtPeak - containerThreadsAtPeak) - (threadsBefore - containerThreadsBefore);
			assertThat(otherGrowthAtPeak)
				.as("threads other than the container's request pool added with %d connections open", PEAK)
				.isLessThanOrEqualTo(CYCLONE_EXECUTOR_THREADS + OTHER_THREADS_SLACK);
			assertThat(containerThreadsAtPeak - containerThreadsBefore).as("threads the container's request pool added")
				.isLessThanOrEqualTo(CONTAINER_MAX_THREADS);
			assertThat(peakOverall)
				.as("peak thread count (before: %d, connections at the peak: %d)", threadsBefore, PEAK)
				.isLessThanOrEqualTo(
						threadsBefore + CONTAINER_MAX_THREADS + CYCLONE_EXECUTOR_THREADS + OTHER_THREADS_SLACK)
				.isLessThan(threadsBefore + PEAK / 2);
		}
		finally {
			for (Peer peer : held) {
				if (peer != null) {
					peer.forceClose();
				}
			}
			clients.shutdownNow();
			jdkClientExecutor.shutdownNow();
		}
	}

	private Peer openAndExchangeQuietly(int index) {
		try {
			return openAndExchange(index);
		}
		catch (Exception | AssertionError ex) {
			this.failures.add("connection " + index + ": " + ex);
			return null;
		}
	}

	/** Even indexes speak RFC 6455, odd ones Hixie-76. */
	private Peer openAndExchange(int index) throws Exception {
		Peer peer = (Math.floorMod(index, 2) == 0) ? new JdkPeer(index) : new HixiePeer(index);
		try {
			String id = peer.sendAndReceive("id");
			peer.id = id;
			for (int k = 0; k < MESSAGES; k++) {
				String text = "stress " + index + "/" + k + " " + "x".repeat(k * 20);
				String reply = peer.sendAndReceive(text);
				if (("You said: " + text).equals(reply)) {
					this.matchedReplies.incrementAndGet();
				}
				else {
					this.failures
						.add("connection " + index + " (" + id + "): sent '" + text + "', got '" + reply + "'");
				}
			}
			return peer;
		}
		catch (Exception | AssertionError ex) {
			peer.forceClose();
			throw ex;
		}
	}

	/**
	 * Half close cleanly; the others drop: a quarter with a reset (or an abort), a
	 * quarter with a plain close.
	 */
	private void closeQuietly(Peer peer) {
		if (peer == null) {
			return;
		}
		Ending ending = switch (Math.floorMod(peer.index, 4)) {
			case 0, 1 -> Ending.CLEAN;
			case 2 -> Ending.RESET;
			default -> Ending.DROP;
		};
		try {
			peer.close(ending);
		}
		catch (Exception | AssertionError ex) {
			this.failures.add("closing connection " + peer.index + " (" + peer.id + "): " + ex);
			peer.forceClose();
		}
	}

	/**
	 * @return how many threads of the container's request pools exist: Tomcat's are named
	 * {@code http-nio-...-exec-N}, Jetty's {@code qtpNNN-N}
	 */
	private static int containerRequestThreads() {
		return (int) Thread.getAllStackTraces()
			.keySet()
			.stream()
			.filter((thread) -> (thread.getName().startsWith("http-nio-") && thread.getName().contains("-exec-"))
					|| JETTY_POOL_THREAD.matcher(thread.getName()).matches())
			.count();
	}

	private static Map<String, Long> threadsByName() {
		return Thread.getAllStackTraces()
			.keySet()
			.stream()
			.collect(Collectors.groupingBy((thread) -> thread.getName().replaceAll("\\d+", "#"), TreeMap::new,
					Collectors.counting()));
	}

	private static Map<String, Long> growth(Map<String, Long> before) {
		Map<String, Long> growth = new TreeMap<>();
		threadsByName().forEach((name, count) -> {
			long added = count - before.getOrDefault(name, 0L);
			if (added != 0) {
				growth.put(name, added);
			}
		});
		return growth;
	}

	enum Ending {

		CLEAN(1000), RESET(1006), DROP(1006);

		final int code;

		Ending(int code) {
			this.code = code;
		}

	}

	private abstract class Peer {

		final int index;

		volatile String id;

		Peer(int index) {
			this.index = index;
		}

		abstract String sendAndReceive(String text) throws Exception;

		void close(Ending ending) throws Exception {
			if (this.id != null) {
				StressWireTest.this.endings.put(this.id, ending);
			}
			doClose(ending);
		}

		abstract void doClose(Ending ending) throws Exception;

		abstract void forceClose();

	}

	private final class JdkPeer extends Peer {

		private final JdkClient client;

		JdkPeer(int index) {
			super(index);
			this.client = JdkClient.connect(StressWireTest.this.http,
					URI.create("ws://127.0.0.1:" + StressWireTest.this.port + "/echo"), Map.of(), List.of());
		}

		@Override
		String sendAndReceive(String text) throws Exception {
			return this.client.sendAndReceive(text);
		}

		@Override
		void doClose(Ending ending) {
			if (ending == Ending.CLEAN) {
				this.client.close();
				assertThat(this.client.awaitCloseCode()).isEqualTo(1000);
			}
			else {
				// the JDK client cannot reset: it drops the TCP connection without a
				// close frame
				this.client.webSocket().abort();
			}
		}

		@Override
		void forceClose() {
			this.client.webSocket().abort();
		}

	}

	private final class HixiePeer extends Peer {

		private final RawHixie raw;

		HixiePeer(int index) throws Exception {
			super(index);
			this.raw = new RawHixie(StressWireTest.this.port);
			try {
				this.raw.open76("/echo");
			}
			catch (Exception | AssertionError ex) {
				this.raw.close();
				throw ex;
			}
		}

		@Override
		String sendAndReceive(String text) throws Exception {
			return this.raw.sendAndReceive(text);
		}

		@Override
		void doClose(Ending ending) throws Exception {
			switch (ending) {
				case CLEAN -> {
					this.raw.sendClose();
					assertThat(this.raw.readFrame()).isEqualTo(RawHixie.CLOSE);
					this.raw.close();
				}
				case RESET -> {
					this.raw.http().socket().setSoLinger(true, 0);
					this.raw.close();
				}
				case DROP -> this.raw.close();
			}
		}

		@Override
		void forceClose() {
			try {
				this.raw.close();
			}
			catch (Exception ex) {
				// already closed
			}
		}

	}

}
