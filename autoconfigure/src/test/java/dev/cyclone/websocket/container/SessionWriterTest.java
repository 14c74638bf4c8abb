package dev.cyclone.websocket.container;

import java.lang.reflect.Proxy;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;

import org.junit.jupiter.api.Test;

import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The writer of a session without an asynchronous API of its container's: a session whose
 * transport writes asynchronously is written through the transport's own writer; any
 * other session on a thread for blocking calls, so that its stalled write holds up no
 * other connection.
 */
class SessionWriterTest {

	private final List<Runnable> blockingCalls = new CopyOnWriteArrayList<>();

	private final Executor blockingCallsExecutor = this.blockingCalls::add;

	private final List<String> sent = new CopyOnWriteArrayList<>();

	private final List<Object> completions = new CopyOnWriteArrayList<>();

	@Test
	void writesASelfWritingSessionThroughItsTransportsOwnWriter() {
		SessionWriter own = SessionWriter.generic(session(WebSocketSession.class), this.blockingCallsExecutor);
		WebSocketSession session = (WebSocketSession) Proxy.newProxyInstance(getClass().getClassLoader(),
				new Class<?>[] { SelfWritingSession.class },
				(proxy, method, args) -> method.getName().equals("writer") ? own : null);
		assertThat(SessionWriter.generic(session, this.blockingCallsExecutor)).isSameAs(own);
	}

	@Test
	void writesAnyOtherSessionOnAThreadForBlockingCalls() {
		SessionWriter writer = SessionWriter.generic(session(WebSocketSession.class), this.blockingCallsExecutor);
		writer.write(new TextMessage("hello"), (failure) -> this.completions.add(String.valueOf(failure)));
		assertThat(this.sent).isEmpty();
		assertThat(this.blockingCalls).hasSize(1);
		this.blockingCalls.get(0).run();
		assertThat(this.sent).containsExactly("hello");
		assertThat(this.completions).containsExactly("null");
	}

	private WebSocketSession session(Class<? extends WebSocketSession> type) {
		return (WebSocketSession) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] { type },
				(proxy, method, args) -> {
					if (method.getName().equals("sendMessage")) {
						this.sent.add((String) ((TextMessage) args[0]).getPayload());
					}
					return null;
				});
	}

}
