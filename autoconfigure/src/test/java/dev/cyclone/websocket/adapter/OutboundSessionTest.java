package dev.cyclone.websocket.adapter;

import java.io.IOException;
import java.lang.reflect.Proxy;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import dev.cyclone.websocket.WebSocketProtocol;
import dev.cyclone.websocket.container.SelfWritingSession;
import dev.cyclone.websocket.container.ServletContainer;
import dev.cyclone.websocket.container.SessionWriter;
import dev.cyclone.websocket.container.UpgradedConnectionListener;
import dev.cyclone.websocket.metrics.MessageMeters;
import dev.cyclone.websocket.metrics.WebSocketMetrics;
import dev.cyclone.websocket.support.DirectExecutorService;

import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.PingMessage;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.SessionLimitExceededException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * The outbound path as a plain Spring handler sees it, through its session:
 * {@code sendMessage} returns once queued, throws {@link SessionLimitExceededException}
 * for the message that hits a limit (as Spring's
 * {@code ConcurrentWebSocketSessionDecorator} does) and drops what is sent once the
 * session is closing; pings and closes go through the same queue; sends are counted in
 * the metrics whoever makes them.
 */
class OutboundSessionTest {

	private final List<String> started = new ArrayList<>();

	private final List<Consumer<@Nullable Throwable>> pending = new ArrayList<>();

	private final List<CloseStatus> closes = new ArrayList<>();

	private final List<String> sentMetrics = new ArrayList<>();

	@Test
	void sendMessageReturnsOnceQueuedAndThrowsSessionLimitExceededForTheMessageThatHitsTheLimit() throws IOException {
		OutboundSession session = outbound(WebSocketProtocol.RFC_6455);
		session.sendMessage(new TextMessage("being written"));
		session.sendMessage(new TextMessage("x".repeat(100)));
		assertThat(this.started).containsExactly("being written");
		assertThatExceptionOfType(SessionLimitExceededException.class)
			.isThrownBy(() -> session.sendMessage(new TextMessage("y")))
			.satisfies((ex) -> assertThat(ex.getStatus().getCode()).isEqualTo(4500));
		assertThat(this.closes).extracting(CloseStatus::getCode).containsExactly(4500);
		assertThat(session.isOpen()).isFalse();
		assertThatNoException().isThrownBy(() -> session.sendMessage(new TextMessage("dropped")));
		assertThat(this.sentMetrics).containsExactly("rfc6455 13", "rfc6455 100");
	}

	@Test
	void pingsAndClosesGoThroughTheSameQueueAfterWhatWasSentBefore() throws IOException {
		OutboundSession session = outbound(WebSocketProtocol.RFC_6455);
		session.sendMessage(new TextMessage("a"));
		session.sendMessage(new PingMessage(ByteBuffer.allocate(0)));
		session.close(CloseStatus.GOING_AWAY);
		assertThat(session.isOpen()).isFalse();
		assertThat(this.closes).isEmpty();
		completeAll();
		assertThat(this.started).containsExactly("a", "<ping>");
		assertThat(this.closes).containsExactly(CloseStatus.GOING_AWAY);
		assertThat(session.sentClose()).isEqualTo(CloseStatus.GOING_AWAY);
	}

	@Test
	void refusesBinaryMessagesOnALegacyConnectionAsBefore() {
		OutboundSession session = outbound(WebSocketProtocol.HIXIE_76);
		assertThatExceptionOfType(UnsupportedOperationException.class)
			.isThrownBy(() -> session.sendMessage(new BinaryMessage(new byte[1])))
			.withMessageContaining("binary messages need RFC 6455");
		assertThat(this.started).isEmpty();
	}

	private OutboundSession outbound(WebSocketProtocol protocol) {
		Map<String, Object> attributes = new HashMap<>();
		Class<?> type = (protocol == WebSocketProtocol.RFC_6455) ? WebSocketSession.class : SelfWritingSession.class;
		WebSocketSession session = (WebSocketSession) Proxy.newProxyInstance(getClass().getClassLoader(),
				new Class<?>[] { type }, (proxy, method, args) -> switch (method.getName()) {
					case "getId" -> "s1";
					case "protocol" -> protocol;
					case "getAttributes" -> attributes;
					case "isOpen" -> true;
					case "close" -> {
						this.closes.add((CloseStatus) args[0]);
						yield null;
					}
					default -> null;
				});
		OutboundLimits limits = new OutboundLimits(100, Duration.ofSeconds(10), OverflowPolicy.CLOSE);
		ConnectionSettings settings = new ConnectionSettings(Executors.newSingleThreadExecutor(),
				new DirectExecutorService(), Executors.newSingleThreadScheduledExecutor(), limits,
				JsonMapper.builder().build(), new OpenConnections(Duration.ofSeconds(1), JsonMapper.builder().build()),
				metrics(), new StalledContainer());
		return new OutboundSession(session, "plain", settings);
	}

	private void completeAll() {
		while (!this.pending.isEmpty()) {
			this.pending.remove(0).accept(null);
		}
	}

	private WebSocketMetrics metrics() {
		return new WebSocketMetrics() {

			@Override
			public MessageMeters messageMeters(String handler, WebSocketProtocol protocol) {
				return new MessageMeters() {

					@Override
					public void sent(long bytes) {
						OutboundSessionTest.this.sentMetrics.add(protocol.id() + " " + bytes);
					}

				};
			}

		};
	}

	/** A container whose writes complete only when the test says so. */
	private final class StalledContainer implements ServletContainer {

		@Override
		public CompletableFuture<Void> upgrade(HttpServletRequest request, HttpServletResponse response,
				UpgradedConnectionListener listener) {
			throw new UnsupportedOperationException();
		}

		@Override
		public SessionWriter writerFor(WebSocketSession session, Executor blockingCalls) {
			return new SessionWriter(session) {

				@Override
				public void write(WebSocketMessage<?> message, Consumer<@Nullable Throwable> completion) {
					OutboundSessionTest.this.started
						.add((message instanceof PingMessage) ? "<ping>" : String.valueOf(message.getPayload()));
					OutboundSessionTest.this.pending.add(completion);
				}

			};
		}

		@Override
		public void abort(WebSocketSession session) {
		}

	}

}
