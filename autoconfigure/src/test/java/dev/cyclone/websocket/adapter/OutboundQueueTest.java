package dev.cyclone.websocket.adapter;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import dev.cyclone.websocket.container.SessionWriter;

import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.WebSocketSession;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bounded outbound queue with a writer whose writes complete only when the test says so, as for a peer that
 * stopped reading.
 */
class OutboundQueueTest {

	private final List<CloseStatus> closes = new CopyOnWriteArrayList<>();

	private final StalledWriter writer = new StalledWriter(session(this.closes));

	@Test
	void closesWith4500WhenTheBufferOverflowsByDefault() {
		OutboundQueue queue = queue(OverflowPolicy.CLOSE);
		assertThat(queue.offer(text("first"))).isTrue();
		for (int i = 0; i < 10; i++) {
			assertThat(queue.offer(text("0123456789"))).isTrue();
		}
		assertThat(queue.offer(text("one too many"))).isFalse();
		assertThat(this.closes).extracting(CloseStatus::getCode).containsExactly(4500);
		assertThat(queue.offer(text("after"))).isFalse();
	}

	@Test
	void countsTextAgainstTheBufferLimitInUtf8Bytes() {
		OutboundQueue queue = queue(OverflowPolicy.CLOSE);
		assertThat(queue.offer(text("being written"))).isTrue();
		assertThat(queue.offer(text("\u00e9".repeat(50)))).isTrue();
		assertThat(queue.pendingSize()).isEqualTo(100);
		assertThat(this.closes).isEmpty();
		assertThat(queue.offer(text("x"))).isFalse();
		assertThat(this.closes).extracting(CloseStatus::getCode).containsExactly(4500);
	}

	@Test
	void dropsTheOldestQueuedMessagesWhenConfiguredAndKeepsTheNewest() {
		OutboundQueue queue = queue(OverflowPolicy.DROP_OLDEST);
		assertThat(queue.offer(text("being written"))).isTrue();
		for (int i = 0; i < 30; i++) {
			assertThat(queue.offer(text(String.format("message-%02d", i)))).isTrue();
		}
		assertThat(queue.pendingSize()).isLessThanOrEqualTo(100);
		assertThat(this.closes).isEmpty();
		this.writer.completeAll();
		List<String> written = this.writer.payloads();
		assertThat(written).first().isEqualTo("being written");
		assertThat(written).last().isEqualTo("message-29");
		assertThat(written).hasSize(1 + 100 / 10).doesNotContain("message-00");
	}

	@Test
	void closesEvenWhenDroppingIfOneWriteTakesLongerThanTheSendTimeLimit() throws InterruptedException {
		OutboundQueue queue = new OutboundQueue(this.writer, Runnable::run,
				new OutboundLimits(100, Duration.ofMillis(50), OverflowPolicy.DROP_OLDEST), "test",
				(status) -> {
				});
		assertThat(queue.offer(text("stuck"))).isTrue();
		Thread.sleep(100);
		assertThat(queue.offer(text("late"))).isFalse();
		assertThat(this.closes).extracting(CloseStatus::getCode).containsExactly(4500);
	}

	private OutboundQueue queue(OverflowPolicy overflow) {
		return new OutboundQueue(this.writer, Runnable::run, new OutboundLimits(100, Duration.ofMinutes(1), overflow),
				"test",
				(status) -> {
				});
	}

	private static TextMessage text(String payload) {
		return new TextMessage(payload);
	}

	private static WebSocketSession session(List<CloseStatus> closes) {
		return (WebSocketSession) Proxy.newProxyInstance(OutboundQueueTest.class.getClassLoader(),
				new Class<?>[] { WebSocketSession.class }, (proxy, method, args) -> {
					if (method.getName().equals("close") && args != null) {
						closes.add((CloseStatus) args[0]);
					}
					return null;
				});
	}

	/** Starts writes and completes them only on {@link #completeAll()}. */
	private static final class StalledWriter extends SessionWriter {

		private final List<WebSocketMessage<?>> written = new ArrayList<>();

		private final List<Consumer<@Nullable Throwable>> pending = new ArrayList<>();

		StalledWriter(WebSocketSession session) {
			super(session);
		}

		@Override
		public void write(WebSocketMessage<?> message, Consumer<@Nullable Throwable> completion) {
			this.written.add(message);
			this.pending.add(completion);
		}

		void completeAll() {
			while (!this.pending.isEmpty()) {
				this.pending.remove(0).accept(null);
			}
		}

		List<String> payloads() {
			return this.written.stream().map((message) -> (String) message.getPayload()).toList();
		}

	}

}
