package dev.cyclone.websocket.adapter;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.AbstractWebSocketHandler;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One size limit in bytes for every message, whole messages only for the handler: parts
 * are assembled as they come, and a message over the limit closes the connection with
 * 1009 before the handler sees any of it.
 */
class BoundedMessageAssemblerTest {

	private final List<Object> delivered = new ArrayList<>();

	private final List<CloseStatus> closes = new ArrayList<>();

	private final BoundedMessageAssembler assembler = new BoundedMessageAssembler(new AbstractWebSocketHandler() {

		@Override
		protected void handleTextMessage(WebSocketSession session, TextMessage message) {
			BoundedMessageAssemblerTest.this.delivered.add(message.getPayload());
		}

		@Override
		protected void handleBinaryMessage(WebSocketSession session, BinaryMessage message) {
			BoundedMessageAssemblerTest.this.delivered.add(message.getPayloadLength());
		}

	}, 8);

	private final WebSocketSession session = session("s1");

	@Test
	void passesAWholeMessageUpToTheLimitInUtf8Bytes() throws Exception {
		receive(new TextMessage("12345678"));
		receive(new TextMessage("éééé"));
		assertThat(this.delivered).containsExactly("12345678", "éééé");
		assertThat(this.closes).isEmpty();
	}

	@Test
	void assemblesPartsIntoOneMessage() throws Exception {
		receive(new TextMessage("ab", false));
		receive(new TextMessage("cd", false));
		assertThat(this.delivered).isEmpty();
		receive(new TextMessage("ef", true));
		receive(new BinaryMessage(new byte[3], false));
		receive(new BinaryMessage(new byte[5], true));
		assertThat(this.delivered).containsExactly("abcdef", 8);
	}

	@Test
	void closesWith1009WhenTheMessageGrowsPastTheLimitAndDeliversNothingOfIt() throws Exception {
		receive(new TextMessage("12345", false));
		receive(new TextMessage("6789", false));
		assertThat(this.delivered).isEmpty();
		assertThat(this.closes).extracting(CloseStatus::getCode).containsExactly(1009);
		receive(new TextMessage("éééé+"));
		assertThat(this.closes).extracting(CloseStatus::getCode).containsExactly(1009, 1009);
		assertThat(this.delivered).isEmpty();
	}

	@Test
	void forgetsAMessageInProgressWhenItsConnectionCloses() throws Exception {
		receive(new TextMessage("1234", false));
		this.assembler.afterConnectionClosed(this.session, CloseStatus.GOING_AWAY);
		receive(new TextMessage("5678"));
		assertThat(this.delivered).containsExactly("5678");
	}

	private void receive(WebSocketMessage<?> message) throws Exception {
		this.assembler.handleMessage(this.session, message);
	}

	private WebSocketSession session(String id) {
		return (WebSocketSession) Proxy.newProxyInstance(getClass().getClassLoader(),
				new Class<?>[] { WebSocketSession.class }, (proxy, method, args) -> switch (method.getName()) {
					case "getId" -> id;
					case "close" -> {
						this.closes.add((CloseStatus) args[0]);
						yield null;
					}
					case "hashCode" -> System.identityHashCode(proxy);
					case "equals" -> proxy == args[0];
					default -> null;
				});
	}

}
