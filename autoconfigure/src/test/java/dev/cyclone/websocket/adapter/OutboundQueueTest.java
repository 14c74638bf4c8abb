package dev.cyclone.websocket.adapter;

import java.io.IOException;
import java.lang.reflect.Proxy;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import dev.cyclone.websocket.adapter.OutboundQueue.Offer;
import dev.cyclone.websocket.container.SessionWriter;

import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.PingMessage;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.WebSocketSession;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The outbound queue's one policy on its own, with exact inputs and results: a writer
 * whose writes complete only when the test says so (as for a peer that stopped reading),
 * a clock that moves only when told, closes run at once. The buffer limit is
 * {@value #LIMIT} payload bytes and the send time limit {@value #SEND_TIME_LIMIT_SECONDS}
 * s.
 */
class OutboundQueueTest {

	private static final int LIMIT = 100;

	private static final int SEND_TIME_LIMIT_SECONDS = 10;

	private final List<CloseStatus> closes = new CopyOnWriteArrayList<>();

	private final List<CloseStatus> closesSent = new CopyOnWriteArrayList<>();

	private boolean sessionOpen = true;

	private final StalledWriter writer = new StalledWriter(session());

	private long nanoTime = Duration.ofDays(3).toNanos();

	@Test
	void writesOneMessageAtATimeInTheOrderOffered() {
		OutboundQueue queue = queue(OverflowPolicy.CLOSE);
		assertThat(offer(queue, text("a"))).isEqualTo(Offer.QUEUED);
		assertThat(offer(queue, text("b"))).isEqualTo(Offer.QUEUED);
		assertThat(offer(queue, new PingMessage(ByteBuffer.allocate(0)))).isEqualTo(Offer.QUEUED);
		assertThat(offer(queue, text("c"))).isEqualTo(Offer.QUEUED);
		assertThat(this.writer.started()).containsExactly("a");
		this.writer.completeAll();
		assertThat(this.writer.started()).containsExactly("a", "b", "<ping>", "c");
		assertThat(queue.pendingSize()).isZero();
	}

	@Test
	void acceptsExactlyTheBufferLimitBehindTheWriteInProgressAndClosesWith4500OnTheNextByte() {
		OutboundQueue queue = queue(OverflowPolicy.CLOSE);
		assertThat(offer(queue, text("being written"))).isEqualTo(Offer.QUEUED);
		for (int i = 0; i < 10; i++) {
			assertThat(offer(queue, text("0123456789"))).isEqualTo(Offer.QUEUED);
		}
		assertThat(queue.pendingSize()).isEqualTo(LIMIT);
		assertThat(offer(queue, text("x"))).isEqualTo(Offer.LIMIT_EXCEEDED);
		assertThat(this.closes).extracting(CloseStatus::getCode).containsExactly(4500);
		assertThat(this.closesSent).extracting(CloseStatus::getCode).containsExactly(4500);
		assertThat(offer(queue, text("after"))).isEqualTo(Offer.CLOSED);
		assertThat(queue.pendingSize()).isZero();
	}

	@Test
	void countsTextInUtf8BytesAndBinaryInBytes() {
		OutboundQueue queue = queue(OverflowPolicy.CLOSE);
		assertThat(offer(queue, text("being written"))).isEqualTo(Offer.QUEUED);
		assertThat(offer(queue, text("\u00e9".repeat(25)))).isEqualTo(Offer.QUEUED);
		assertThat(offer(queue, text("\ud83d\ude00".repeat(10)))).isEqualTo(Offer.QUEUED);
		assertThat(offer(queue, new BinaryMessage(new byte[10]))).isEqualTo(Offer.QUEUED);
		assertThat(queue.pendingSize()).isEqualTo(50 + 40 + 10);
		assertThat(offer(queue, text("x"))).isEqualTo(Offer.LIMIT_EXCEEDED);
	}

	@Test
	void dropOldestDropsTheOldestQueuedMessagesToFitTheNewestAndNeverTheWriteInProgress() {
		OutboundQueue queue = queue(OverflowPolicy.DROP_OLDEST);
		assertThat(offer(queue, text("being written"))).isEqualTo(Offer.QUEUED);
		for (int i = 0; i < 30; i++) {
			assertThat(offer(queue, text(String.format("message-%02d", i)))).isEqualTo(Offer.QUEUED);
		}
		assertThat(queue.pendingSize()).isEqualTo(LIMIT);
		assertThat(this.closes).isEmpty();
		this.writer.completeAll();
		List<String> expected = new ArrayList<>(List.of("being written"));
		for (int i = 20; i < 30; i++) {
			expected.add(String.format("message-%02d", i));
		}
		assertThat(this.writer.started()).containsExactlyElementsOf(expected);
	}

	@Test
	void dropOldestStillClosesForAMessageLargerThanTheWholeBuffer() {
		OutboundQueue queue = queue(OverflowPolicy.DROP_OLDEST);
		assertThat(offer(queue, text("being written"))).isEqualTo(Offer.QUEUED);
		assertThat(offer(queue, text("x".repeat(LIMIT + 1)))).isEqualTo(Offer.LIMIT_EXCEEDED);
		assertThat(this.closes).extracting(CloseStatus::getCode).containsExactly(4500);
	}

	@Test
	void aSendWhileTheWriteInProgressIsOlderThanTheSendTimeLimitClosesWith4500EvenWhenDropping() {
		OutboundQueue queue = queue(OverflowPolicy.DROP_OLDEST);
		assertThat(offer(queue, text("stuck"))).isEqualTo(Offer.QUEUED);
		this.nanoTime += Duration.ofSeconds(SEND_TIME_LIMIT_SECONDS).toNanos();
		assertThat(offer(queue, text("in time"))).isEqualTo(Offer.QUEUED);
		this.nanoTime += 1;
		assertThat(offer(queue, text("late"))).isEqualTo(Offer.LIMIT_EXCEEDED);
		assertThat(this.closes).extracting(CloseStatus::getCode).containsExactly(4500);
	}

	@Test
	void theSendTimeIsStampedPerWriteNotPerQueue() {
		OutboundQueue queue = queue(OverflowPolicy.CLOSE);
		offer(queue, text("first"));
		offer(queue, text("second"));
		this.nanoTime += Duration.ofSeconds(SEND_TIME_LIMIT_SECONDS).toNanos();
		this.writer.completeNext();
		this.nanoTime += Duration.ofSeconds(SEND_TIME_LIMIT_SECONDS).toNanos();
		assertThat(queue.closeIfStalled()).isFalse();
		assertThat(offer(queue, text("third"))).isEqualTo(Offer.QUEUED);
		this.nanoTime += 1;
		assertThat(queue.closeIfStalled()).isTrue();
		assertThat(this.closes).extracting(CloseStatus::getCode).containsExactly(4500);
	}

	@Test
	void anIdleQueueIsNeverStalled() {
		OutboundQueue queue = queue(OverflowPolicy.CLOSE);
		offer(queue, text("written"));
		this.writer.completeAll();
		this.nanoTime += Duration.ofDays(1).toNanos();
		assertThat(queue.closeIfStalled()).isFalse();
		assertThat(offer(queue, text("much later"))).isEqualTo(Offer.QUEUED);
	}

	@Test
	void closeFollowsWhatWasQueuedAndRefusesMore() {
		OutboundQueue queue = queue(OverflowPolicy.CLOSE);
		offer(queue, text("a"));
		offer(queue, text("b"));
		queue.close(CloseStatus.GOING_AWAY);
		assertThat(queue.isClosing()).isTrue();
		assertThat(offer(queue, text("c"))).isEqualTo(Offer.CLOSED);
		assertThat(this.closes).isEmpty();
		this.writer.completeAll();
		assertThat(this.writer.started()).containsExactly("a", "b");
		assertThat(this.closes).containsExactly(CloseStatus.GOING_AWAY);
	}

	@Test
	void closeNowDropsWhatIsQueued() {
		OutboundQueue queue = queue(OverflowPolicy.CLOSE);
		offer(queue, text("a"));
		offer(queue, text("b"));
		queue.closeNow(CloseStatus.SERVER_ERROR);
		assertThat(this.closes).containsExactly(CloseStatus.SERVER_ERROR);
		this.writer.completeAll();
		assertThat(this.writer.started()).containsExactly("a");
	}

	@Test
	void aWriteThatTimesOutInTheContainerClosesWith4500() {
		OutboundQueue queue = queue(OverflowPolicy.CLOSE);
		offer(queue, text("a"));
		this.writer.failNext(new SocketTimeoutException("write timed out"));
		assertThat(this.closes).extracting(CloseStatus::getCode).containsExactly(4500);
		assertThat(offer(queue, text("b"))).isEqualTo(Offer.CLOSED);
	}

	@Test
	void aWriteThatFailsBecauseTheTransportIsClosingLeavesTheCloseToTheTransport() {
		OutboundQueue queue = queue(OverflowPolicy.CLOSE);
		offer(queue, text("a"));
		this.sessionOpen = false;
		this.writer.failNext(new IOException("closing"));
		assertThat(this.closes).isEmpty();
		assertThat(this.closesSent).isEmpty();
		assertThat(offer(queue, text("b"))).isEqualTo(Offer.CLOSED);
	}

	private OutboundQueue queue(OverflowPolicy overflow) {
		return new OutboundQueue(this.writer, Runnable::run,
				new OutboundLimits(LIMIT, Duration.ofSeconds(SEND_TIME_LIMIT_SECONDS), overflow), "test",
				this.closesSent::add, () -> this.nanoTime);
	}

	private static Offer offer(OutboundQueue queue, WebSocketMessage<?> message) {
		return queue.offer(message, MessageSizes.of(message));
	}

	private static TextMessage text(String payload) {
		return new TextMessage(payload);
	}

	private WebSocketSession session() {
		return (WebSocketSession) Proxy.newProxyInstance(OutboundQueueTest.class.getClassLoader(),
				new Class<?>[] { WebSocketSession.class }, (proxy, method, args) -> switch (method.getName()) {
					case "close" -> {
						this.closes.add((CloseStatus) args[0]);
						yield null;
					}
					case "isOpen" -> this.sessionOpen;
					default -> null;
				});
	}

	/** Starts writes and completes them only when told. */
	private static final class StalledWriter extends SessionWriter {

		private final List<WebSocketMessage<?>> started = new ArrayList<>();

		private final List<Consumer<@Nullable Throwable>> pending = new ArrayList<>();

		StalledWriter(WebSocketSession session) {
			super(session);
		}

		@Override
		public void write(WebSocketMessage<?> message, Consumer<@Nullable Throwable> completion) {
			this.started.add(message);
			this.pending.add(completion);
		}

		void completeNext() {
			this.pending.remove(0).accept(null);
		}

		void failNext(Throwable failure) {
			this.pending.remove(0).accept(failure);
		}

		void completeAll() {
			while (!this.pending.isEmpty()) {
				completeNext();
			}
		}

		List<String> started() {
			return this.started.stream()
				.map((message) -> (message instanceof PingMessage) ? "<ping>" : String.valueOf(message.getPayload()))
				.toList();
		}

	}

}
