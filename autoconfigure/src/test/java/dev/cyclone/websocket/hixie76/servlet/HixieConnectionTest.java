package dev.cyclone.websocket.hixie76.servlet;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import dev.cyclone.websocket.adapter.ConnectionSettings;
import dev.cyclone.websocket.adapter.OpenConnections;
import dev.cyclone.websocket.adapter.OutboundLimits;
import dev.cyclone.websocket.adapter.OutboundSession;
import dev.cyclone.websocket.adapter.OverflowPolicy;
import dev.cyclone.websocket.container.SelfWritingSession;
import dev.cyclone.websocket.container.UnknownServletContainer;
import dev.cyclone.websocket.hixie76.HixieDraft;
import dev.cyclone.websocket.internal.CompactHeaders;
import dev.cyclone.websocket.metrics.WebSocketMetrics;
import dev.cyclone.websocket.support.DirectExecutorService;
import dev.cyclone.websocket.support.ManualExecutor;
import dev.cyclone.websocket.support.ManualTimer;

import org.springframework.http.HttpHeaders;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.WebSocketSession;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Hixie connection on a connection the test drives: exact bytes in and out, timeouts
 * fired by hand, a clock that moves only when told. Covers the handshake answer's place
 * before the outbound queue's frames, the race of key3 with the handshake timeout, where
 * timeouts run the handler, that no timeout outlives its connection, and that every way a
 * connection ends closes its socket. The outbound queue's policy is tested on its own
 * ({@code OutboundQueueTest}).
 */
class HixieConnectionTest {

	private static final String KEY1 = "4 @1  46546xW%0l 1 5";

	private static final String KEY2 = "12998 5 Y3 1  .P00";

	private static final byte[] KEY3 = "^n:ds[4U".getBytes(StandardCharsets.ISO_8859_1);

	private static final byte[] ANSWER = "8jKS'y:G*Co,Wxa-".getBytes(StandardCharsets.ISO_8859_1);

	private static final byte[] CLOSE = { (byte) 0xFF, 0x00 };

	private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

	private final ManualTimer timer = new ManualTimer();

	private final ManualExecutor executor = new ManualExecutor();

	/** What became of the writes the test started, in order. */
	private final List<String> completions = new CopyOnWriteArrayList<>();

	private final FakeUpgradedConnection socket = new FakeUpgradedConnection();

	private final RecordingHandler handler = new RecordingHandler();

	private HixieWebSocketSession session;

	@Test
	void whatTheHandlerSendsInConnectionMadeFollowsTheAnswer() throws IOException {
		this.handler.onOpen = (session) -> send(session, "welcome");
		start(HixieDraft.HIXIE_76);
		this.socket.deliver(KEY3);
		assertThat(this.socket.written()).isEqualTo(concat(ANSWER, frame("welcome")));
		assertThat(this.handler.events).containsExactly("open");
	}

	@Test
	void theAnswerToAFrameThatCameWithKey3FollowsTheAnswer() throws IOException {
		this.handler.onMessage = (session, text) -> send(session, "echo " + text);
		start(HixieDraft.HIXIE_76);
		this.socket.deliver(concat(KEY3, frame("hello")));
		assertThat(this.socket.written()).isEqualTo(concat(ANSWER, frame("echo hello")));
		assertThat(this.handler.events).containsExactly("open", "message hello");
	}

	@Test
	void key3ThatArrivesAsTheHandshakeTimeoutFiresEitherOpensOrClosesNeverBoth() throws IOException {
		start(HixieDraft.HIXIE_76);
		this.timer.fireWhenCancelled();
		this.socket.deliver(KEY3);
		this.executor.runAll();
		assertThat(this.socket.written()).isEqualTo(ANSWER);
		assertThat(this.handler.events).containsExactly("open");
		assertThat(this.socket.isClosed()).isFalse();
	}

	@Test
	void key3AfterTheHandshakeTimeoutIsNotAnswered() throws IOException {
		start(HixieDraft.HIXIE_76);
		this.timer.fireAll();
		this.executor.runAll();
		assertThat(this.socket.written()).isEqualTo(CLOSE);
		assertThat(this.socket.isClosed()).isTrue();
		this.socket.deliver(KEY3);
		assertThat(this.socket.written()).isEqualTo(CLOSE);
		assertThat(this.handler.events).isEmpty();
	}

	@Test
	void aTimeoutRunsTheHandlerOnTheExecutorNeverOnTheTimer() throws IOException {
		HixieConnection connection = start(HixieDraft.HIXIE_75);
		this.socket.peerStopsReading();
		connection.writeText("unread", this::completed);
		connection.close(CloseStatus.GOING_AWAY);
		assertThat(this.timer.pending()).hasSize(1);
		this.timer.fireAll();
		assertThat(this.handler.events).containsExactly("open");
		assertThat(this.executor.queued()).isEqualTo(1);
		this.executor.runAll();
		assertThat(this.handler.events).containsExactly("open", "closed 1001");
		assertThat(this.handler.closedOnExecutor).isTrue();
	}

	@Test
	void noTimeoutOutlivesItsConnection() throws IOException {
		HixieConnection connection = openWithUnreadData();
		connection.close(CloseStatus.NORMAL);
		connection.ended(new IOException("connection reset"));
		assertThat(this.timer.tasks()).hasSize(2).allMatch(ManualTimer.Task::isCancelled);
		assertThat(this.handler.events).containsExactly("open", "closed 1000");
	}

	@Test
	void theHandshakeTimeoutEndsWithAPeerThatLeftBeforeKey3() {
		HixieConnection connection = start(HixieDraft.HIXIE_76);
		connection.ended(null);
		assertThat(this.timer.tasks()).singleElement().matches(ManualTimer.Task::isCancelled);
		assertThat(this.socket.isClosed()).isTrue();
	}

	@Test
	void theClosingFrameFollowsWhatIsQueuedAndClosesTheSocketOnceWritten() throws IOException {
		HixieConnection connection = start(HixieDraft.HIXIE_75);
		this.socket.peerStopsReading();
		connection.writeText("x".repeat(8), this::completed);
		connection.close(CloseStatus.NORMAL);
		assertThat(this.socket.isClosed()).isFalse();
		this.socket.peerReads();
		assertThat(this.socket.written()).isEqualTo(concat(frame("x".repeat(8)), CLOSE));
		assertThat(this.socket.isClosed()).isTrue();
		assertThat(this.handler.events).containsExactly("open", "closed 1000");
		assertThat(this.timer.pending()).isEmpty();
	}

	@Test
	void aPeerThatNeverTakesTheClosingFrameLosesItsSocketAfterTheCloseTimeout() throws IOException {
		HixieConnection connection = openWithUnreadData();
		connection.close(CloseStatus.GOING_AWAY);
		assertThat(this.timer.pending()).singleElement()
			.satisfies((task) -> assertThat(task.delayMillis()).isEqualTo(CLOSE_TIMEOUT.toMillis()));
		this.timer.fireAll();
		this.executor.runAll();
		assertThat(this.socket.isClosed()).isTrue();
		assertThat(this.handler.events).containsExactly("open", "closed 1001");
	}

	@Test
	void thePeersClosingFrameIsAnsweredAndTheSocketClosed() throws IOException {
		start(HixieDraft.HIXIE_76);
		this.socket.deliver(concat(KEY3, frame("last"), CLOSE));
		assertThat(this.socket.written()).isEqualTo(concat(ANSWER, CLOSE));
		assertThat(this.socket.isClosed()).isTrue();
		assertThat(this.handler.events).containsExactly("open", "message last", "closed 1000");
	}

	@Test
	void aFailedWriteEndsTheConnectionAs1006() throws IOException {
		HixieConnection connection = start(HixieDraft.HIXIE_75);
		this.socket.close();
		connection.writeText("into a closed socket", this::completed);
		assertThat(this.handler.events).containsExactly("open", "closed 1006");
		connection.writeText("after", this::completed);
		assertThat(this.completions).last().asString().contains("not open");
	}

	@Test
	void whatTheHandlerSendsWhileTheAnswerIsStillBeingWrittenWaitsForIt() {
		this.handler.onOpen = (session) -> send(session, "welcome");
		start(HixieDraft.HIXIE_76);
		this.socket.peerStopsReading();
		this.socket.deliver(KEY3);
		assertThat(this.socket.written()).isEmpty();
		assertThat(this.completions).isEmpty();
		this.socket.peerReads();
		assertThat(this.socket.written()).isEqualTo(concat(ANSWER, frame("welcome")));
		assertThat(this.completions).containsExactly("written");
	}

	@Test
	void aBacklogThatDrainsOnceThePeerReadsAgainIsWrittenInALoopNotByRecursion() throws IOException {
		start(HixieDraft.HIXIE_75);
		ConnectionSettings settings = new ConnectionSettings(new DirectExecutorService(), new DirectExecutorService(),
				this.timer, new OutboundLimits(Long.MAX_VALUE, Duration.ofSeconds(10), OverflowPolicy.CLOSE),
				JsonMapper.builder().build(), new OpenConnections(Duration.ofSeconds(1), JsonMapper.builder().build()),
				WebSocketMetrics.NONE, new UnknownServletContainer());
		OutboundSession outbound = new OutboundSession(this.session, "test", settings);
		this.socket.peerStopsReading();
		int messages = 50_000;
		for (int i = 0; i < messages; i++) {
			outbound.sendMessage(new TextMessage("m"));
		}
		this.socket.peerReads();
		assertThat(this.socket.written()).hasSize(messages * frame("m").length);
		assertThat(outbound.isOpen()).isTrue();
	}

	@Test
	void nothingFollowsTheClosingFrame() {
		HixieConnection connection = start(HixieDraft.HIXIE_75);
		this.socket.peerStopsReading();
		connection.writeText("before", this::completed);
		connection.close(CloseStatus.NORMAL);
		connection.writeText("after", this::completed);
		assertThat(this.completions).containsExactly("failed: The hixie-75 connection to /ws from null is not open");
		this.socket.peerReads();
		assertThat(this.socket.written()).isEqualTo(concat(frame("before"), CLOSE));
		assertThat(this.completions).containsExactly("failed: The hixie-75 connection to /ws from null is not open",
				"written");
	}

	/**
	 * An open Hixie-76 connection whose peer stopped reading while a frame was being
	 * written.
	 */
	private HixieConnection openWithUnreadData() throws IOException {
		HixieConnection connection = start(HixieDraft.HIXIE_76);
		this.socket.deliver(KEY3);
		this.socket.peerStopsReading();
		connection.writeText("unread", this::completed);
		return connection;
	}

	private HixieConnection start(HixieDraft draft) {
		HixieSettings settings = new HixieSettings(Set.of(HixieDraft.values()), 1024, Duration.ofSeconds(5),
				CLOSE_TIMEOUT, this.timer, this.executor);
		boolean keyed = draft == HixieDraft.HIXIE_76;
		HixieHandshake handshake = new HixieHandshake(draft, keyed ? KEY1 : null, keyed ? KEY2 : null,
				"ws://localhost/ws", CompactHeaders.copyOf(new HttpHeaders()), null, null, null, null, settings);
		Map<String, Object> attributes = new ConcurrentHashMap<>();
		this.session = new HixieWebSocketSession(handshake, attributes);
		HixieConnection connection = new HixieConnection(handshake, this.handler, this.session);
		this.handler.executor = this.executor;
		this.socket.open(connection);
		return connection;
	}

	/** Send as the connection's outbound queue does: through the session's own writer. */
	private void send(WebSocketSession session, String text) {
		((SelfWritingSession) session).writer().write(new TextMessage(text), this::completed);
	}

	private void completed(@Nullable Throwable failure) {
		this.completions.add((failure != null) ? "failed: " + failure.getMessage() : "written");
	}

	private static byte[] frame(String text) {
		return concat(new byte[] { 0x00 }, text.getBytes(StandardCharsets.UTF_8), new byte[] { (byte) 0xFF });
	}

	private static byte[] concat(byte[]... parts) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		for (byte[] part : parts) {
			out.writeBytes(part);
		}
		return out.toByteArray();
	}

	/** Records what the connection tells a Spring handler. */
	private static final class RecordingHandler implements WebSocketHandler {

		final List<String> events = new CopyOnWriteArrayList<>();

		Consumer<WebSocketSession> onOpen = (session) -> {
		};

		java.util.function.BiConsumer<WebSocketSession, String> onMessage = (session, text) -> {
		};

		ManualExecutor executor;

		boolean closedOnExecutor;

		@Override
		public void afterConnectionEstablished(WebSocketSession session) {
			this.events.add("open");
			this.onOpen.accept(session);
		}

		@Override
		public void handleMessage(WebSocketSession session, WebSocketMessage<?> message) {
			this.events.add("message " + message.getPayload());
			this.onMessage.accept(session, (String) message.getPayload());
		}

		@Override
		public void handleTransportError(WebSocketSession session, Throwable exception) {
		}

		@Override
		public void afterConnectionClosed(WebSocketSession session, CloseStatus closeStatus) {
			this.events.add("closed " + closeStatus.getCode());
			this.closedOnExecutor = this.executor.isRunningTask();
		}

		@Override
		public boolean supportsPartialMessages() {
			return false;
		}

	}

}
