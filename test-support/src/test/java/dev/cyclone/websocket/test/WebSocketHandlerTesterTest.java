package dev.cyclone.websocket.test;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

import dev.cyclone.websocket.CloseReason;
import dev.cyclone.websocket.HandshakeRequest;
import dev.cyclone.websocket.WebSocketConnection;
import dev.cyclone.websocket.WebSocketHandler;
import dev.cyclone.websocket.WebSocketProtocol;
import dev.cyclone.websocket.test.ExampleHandlers.ByeHandler;
import dev.cyclone.websocket.test.ExampleHandlers.ChatHandler;
import dev.cyclone.websocket.test.ExampleHandlers.ChatMessage;
import dev.cyclone.websocket.test.ExampleHandlers.EchoHandler;
import dev.cyclone.websocket.test.ExampleHandlers.TokenHandler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WebSocketHandlerTesterTest {

	// ----- the example handlers, as users would test them

	@Test
	void echoHandlerAnswersEveryMessageInOrder() {
		WebSocketHandlerTester<EchoHandler> echo = WebSocketHandlerTester.of(new EchoHandler()).connect();

		echo.receive("Hello, world").receive("again");

		assertThat(echo.sentMessages()).containsExactly("You said: Hello, world", "You said: again");
		assertThat(echo.sentJson()).isEmpty();
		assertThat(echo.isClosed()).isFalse();
		assertThat(echo.closeReason()).isNull();
	}

	@Test
	void connectRunsConnectionMadeAndTheCallbacksRunInTheServersOrder() {
		EchoHandler handler = new EchoHandler();
		WebSocketHandlerTester<EchoHandler> echo = WebSocketHandlerTester.of(handler);
		assertThat(handler.calls).isEmpty();

		echo.connect();
		assertThat(handler.calls).containsExactly("connectionMade");
		assertThat(echo.isForbidden()).isFalse();
		assertThat(echo.forbiddenMessage()).isNull();

		echo.receive("a").disconnect();
		assertThat(handler.calls).containsExactly("connectionMade", "messageReceived a", "connectionLost 1000");
	}

	@Test
	void chatHandlerSendsJsonWithThePathVariableAndQueryParameter() {
		WebSocketHandlerTester<ChatHandler> chat = WebSocketHandlerTester.of(new ChatHandler())
			.uri("/chat/lobby?name=ann")
			.pathVariable("room", "lobby")
			.connect();

		chat.receive("Hello");

		assertThat(chat.sentMessages()).containsExactly("{\"joined\":\"ann\"}",
				"{\"room\":\"lobby\",\"from\":\"ann\",\"text\":\"Hello\"}");
		List<JsonNode> json = chat.sentJson();
		assertThat(json).hasSize(2);
		assertThat(json.get(0).get("joined").asString()).isEqualTo("ann");
		assertThat(json.get(1).get("room").asString()).isEqualTo("lobby");
		assertThat(json.get(1).get("text").asString()).isEqualTo("Hello");
		assertThat(chat.sentJson(ChatMessage.class)).containsExactly(new ChatMessage(null, null, null),
				new ChatMessage("lobby", "ann", "Hello"));
	}

	@Test
	void tokenHandlerRefusesAHandshakeWithoutToken() {
		TokenHandler handler = new TokenHandler();
		WebSocketHandlerTester<TokenHandler> tester = WebSocketHandlerTester.of(handler).uri("/secure").connect();

		assertThat(tester.isForbidden()).isTrue();
		assertThat(tester.forbiddenMessage()).isEqualTo("token required");
		assertThat(handler.connectionMadeRan).isFalse();
		assertThat(tester.sentMessages()).isEmpty();
		assertThatIllegalStateException().isThrownBy(() -> tester.receive("hi"))
			.withMessageContaining("refused the handshake")
			.withMessageContaining("token required");
		assertThatIllegalStateException().isThrownBy(tester::disconnect)
			.withMessageContaining("connectionLost never run");
	}

	@Test
	void tokenHandlerAcceptsAHandshakeWithToken() {
		TokenHandler handler = new TokenHandler();
		WebSocketHandlerTester<TokenHandler> tester = WebSocketHandlerTester.of(handler)
			.uri("/secure?token=abc")
			.connect();

		assertThat(tester.isForbidden()).isFalse();
		assertThat(tester.forbiddenMessage()).isNull();
		assertThat(handler.connectionMadeRan).isTrue();
		assertThat(tester.sentMessages()).containsExactly("welcome");
	}

	@Test
	void byeHandlerClosesWith4001AndThenReceivesAndSendsNothing() {
		ByeHandler handler = new ByeHandler();
		WebSocketHandlerTester<ByeHandler> tester = WebSocketHandlerTester.of(handler).connect();

		tester.receive("one");
		assertThat(tester.isClosed()).isFalse();
		assertThat(handler.connection().isOpen()).isTrue();

		tester.receive("bye");

		assertThat(tester.isClosed()).isTrue();
		assertThat(tester.closeReason()).isEqualTo(new CloseReason(4001, "bye"));
		assertThat(handler.connection().isOpen()).isFalse();
		assertThat(handler.sendMessage("too late")).isFalse();
		assertThat(handler.sendMessage(Map.of("too", "late"))).isFalse();
		assertThat(tester.sentMessages()).containsExactly("echo one");
		assertThatIllegalStateException().isThrownBy(() -> tester.receive("two"))
			.withMessageContaining("closed the connection with 4001 bye");
		assertThat(handler.lostWith).isNull();

		tester.disconnect();

		assertThat(handler.lostWith).isEqualTo(new CloseReason(4001, "bye"));
	}

	@Test
	void theFirstCloseOfTheHandlerCounts() {
		ByeHandler handler = new ByeHandler();
		WebSocketHandlerTester<ByeHandler> tester = WebSocketHandlerTester.of(handler).connect();

		handler.close();
		handler.close(4002, "later");

		assertThat(tester.closeReason()).isEqualTo(CloseReason.NORMAL);
	}

	// ----- the handshake

	@Test
	void theHandshakeRequestHasWhatTheTesterWasGiven() {
		RequestHandler handler = new RequestHandler();
		InetSocketAddress peer = new InetSocketAddress("192.0.2.7", 40000);
		WebSocketHandlerTester.of(handler)
			.uri("/chat/lobby?name=ann+lee&x=%C3%A9")
			.header("X-Client", "one")
			.header("x-client", "two")
			.cookie("session", "s1")
			.cookie("theme", "dark")
			.principal(() -> "ann")
			.pathVariable("room", "lobby")
			.remoteAddress(peer)
			.connect();

		assertThat(handler.seenInHeaders.uri())
			.isEqualTo(URI.create("http://localhost/chat/lobby?name=ann+lee&x=%C3%A9"));
		assertThat(handler.seenInHeaders.path()).isEqualTo("/chat/lobby");
		assertThat(handler.seenInHeaders.queryParameter("name")).isEqualTo("ann lee");
		assertThat(handler.seenInHeaders.queryParameter("x")).isEqualTo("é");
		assertThat(handler.seenInHeaders.headers().get("X-Client")).containsExactly("one", "two");
		assertThat(handler.seenInHeaders.cookies()).containsExactly(Map.entry("session", "s1"),
				Map.entry("theme", "dark"));
		assertThat(handler.seenInHeaders.principal().getName()).isEqualTo("ann");
		assertThat(handler.seenInHeaders.pathVariables()).containsExactly(Map.entry("room", "lobby"));
		assertThat(handler.seenInHeaders.remoteAddress()).isEqualTo(peer);
		assertThat(handler.connection().request()).isSameAs(handler.seenInHeaders);
	}

	@Test
	void theHandshakeRequestHasDefaults() {
		RequestHandler handler = new RequestHandler();
		WebSocketHandlerTester.of(handler).connect();

		assertThat(handler.seenInHeaders.uri()).isEqualTo(URI.create("http://localhost/"));
		assertThat(handler.seenInHeaders.headers().isEmpty()).isTrue();
		assertThat(handler.seenInHeaders.cookies()).isEmpty();
		assertThat(handler.seenInHeaders.principal()).isNull();
		assertThat(handler.seenInHeaders.pathVariables()).isEmpty();
		assertThat(handler.seenInHeaders.remoteAddress().getAddress().isLoopbackAddress()).isTrue();
	}

	@Test
	void anAbsoluteUriIsKept() {
		RequestHandler handler = new RequestHandler();
		WebSocketHandlerTester.of(handler).uri(URI.create("https://example.com:8443/ws?a=1")).connect();

		assertThat(handler.seenInHeaders.uri()).isEqualTo(URI.create("https://example.com:8443/ws?a=1"));
	}

	@Test
	void anInvalidUriIsRefusedWithAHint() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> WebSocketHandlerTester.of(new EchoHandler()).uri("/chat?name=ann lee"))
			.withMessageContaining("percent-encode");
	}

	@Test
	void theConnectionHasWhatTheTesterWasGiven() {
		RequestHandler handler = new RequestHandler();
		WebSocketHandlerTester.of(handler)
			.protocol(WebSocketProtocol.HIXIE_76)
			.subprotocol("chat.v2")
			.attribute("tenant", "acme")
			.handlerName("chatWebSocket")
			.connect();

		WebSocketConnection connection = handler.connection();
		assertThat(connection.protocol()).isEqualTo(WebSocketProtocol.HIXIE_76);
		assertThat(connection.subprotocol()).isEqualTo("chat.v2");
		assertThat(connection.attributes()).containsExactly(Map.entry("tenant", "acme"));
		assertThat(connection.handlerName()).isEqualTo("chatWebSocket");
		assertThat(connection.id()).startsWith("test-");
		assertThat(connection.isOpen()).isTrue();
		connection.attributes().put("added", 1);
		assertThat(connection.attributes()).containsEntry("added", 1);
	}

	@Test
	void theConnectionHasDefaults() {
		RequestHandler handler = new RequestHandler();
		WebSocketHandlerTester.of(handler).connect();

		WebSocketConnection connection = handler.connection();
		assertThat(connection.protocol()).isEqualTo(WebSocketProtocol.RFC_6455);
		assertThat(connection.subprotocol()).isNull();
		assertThat(connection.attributes()).isEmpty();
		assertThat(connection.handlerName()).isEqualTo("requestHandler");
	}

	@Test
	void everyConnectionHasItsOwnId() {
		RequestHandler first = new RequestHandler();
		RequestHandler second = new RequestHandler();
		WebSocketHandlerTester.of(first).connect();
		WebSocketHandlerTester.of(second).connect();

		assertThat(first.connection().id()).isNotEqualTo(second.connection().id());
	}

	@Test
	void theHandshakeIsDescribedBeforeConnect() {
		WebSocketHandlerTester<EchoHandler> echo = WebSocketHandlerTester.of(new EchoHandler()).connect();

		assertThatIllegalStateException().isThrownBy(() -> echo.uri("/other"))
			.withMessageContaining("before connect()");
		assertThatIllegalStateException().isThrownBy(() -> echo.header("a", "b"));
		assertThatIllegalStateException().isThrownBy(() -> echo.cookie("a", "b"));
		assertThatIllegalStateException().isThrownBy(() -> echo.principal(() -> "bob"));
		assertThatIllegalStateException().isThrownBy(() -> echo.pathVariable("a", "b"));
		assertThatIllegalStateException().isThrownBy(() -> echo.protocol(WebSocketProtocol.HIXIE_75));
		assertThatIllegalStateException().isThrownBy(() -> echo.subprotocol("x"));
		assertThatIllegalStateException().isThrownBy(() -> echo.jsonMapper(JsonMapper.builder().build()));
		assertThatIllegalStateException().isThrownBy(echo::connect).withMessageContaining("runs once");
	}

	@Test
	void aHandlerInstanceServesOneConnection() {
		EchoHandler handler = new EchoHandler();
		WebSocketHandlerTester.of(handler).connect();

		assertThatIllegalStateException().isThrownBy(() -> WebSocketHandlerTester.of(handler).connect())
			.withMessageContaining("fresh handler instance");
	}

	@Test
	void ofRefusesNull() {
		assertThatIllegalArgumentException().isThrownBy(() -> WebSocketHandlerTester.of(null));
	}

	@Test
	void handlerIsTheInstanceGiven() {
		EchoHandler handler = new EchoHandler();

		assertThat(WebSocketHandlerTester.of(handler).handler()).isSameAs(handler);
	}

	@Test
	void nothingRunsBeforeConnect() {
		WebSocketHandlerTester<EchoHandler> echo = WebSocketHandlerTester.of(new EchoHandler());

		assertThatIllegalStateException().isThrownBy(() -> echo.receive("a")).withMessageContaining("connect() first");
		assertThatIllegalStateException().isThrownBy(echo::disconnect).withMessageContaining("connect() first");
		assertThatIllegalStateException().isThrownBy(echo::forbiddenMessage).withMessageContaining("connect()");
		assertThatIllegalStateException().isThrownBy(echo::isForbidden);
		assertThat(echo.sentMessages()).isEmpty();
		assertThat(echo.nextSent()).isNull();
		assertThat(echo.isClosed()).isFalse();
	}

	// ----- disconnect

	@Test
	void disconnectRunsConnectionLostExactlyOnce() {
		EchoHandler handler = new EchoHandler();
		WebSocketHandlerTester<EchoHandler> echo = WebSocketHandlerTester.of(handler).connect();

		echo.disconnect(CloseReason.GOING_AWAY);

		assertThat(handler.calls).containsExactly("connectionMade", "connectionLost 1001");
		assertThatIllegalStateException().isThrownBy(echo::disconnect)
			.withMessageContaining("connectionLost already ran, with 1001")
			.withMessageContaining("exactly once");
		assertThatIllegalStateException().isThrownBy(() -> echo.disconnect(CloseReason.ABNORMAL));
		assertThatIllegalStateException().isThrownBy(() -> echo.receive("late"));
		assertThat(handler.calls).containsExactly("connectionMade", "connectionLost 1001");
	}

	@Test
	void disconnectWithoutReasonIsANormalClosure() {
		ByeHandler handler = new ByeHandler();
		WebSocketHandlerTester.of(handler).connect().disconnect();

		assertThat(handler.lostWith).isEqualTo(CloseReason.NORMAL);
	}

	@Test
	void aDisconnectByThePeerIsNotACloseByTheHandler() {
		WebSocketHandlerTester<EchoHandler> echo = WebSocketHandlerTester.of(new EchoHandler()).connect();

		echo.disconnect(CloseReason.ABNORMAL);

		assertThat(echo.isClosed()).isFalse();
		assertThat(echo.closeReason()).isNull();
	}

	@Test
	void sendsAfterDisconnectReturnFalseAndAreNotRecorded() {
		SendingOnLostHandler handler = new SendingOnLostHandler();
		WebSocketHandlerTester<SendingOnLostHandler> tester = WebSocketHandlerTester.of(handler).connect();

		tester.disconnect();

		assertThat(handler.sentOnLost).isFalse();
		assertThat(handler.sendMessage("later")).isFalse();
		assertThat(handler.sendMessage(new byte[] { 1 })).isFalse();
		assertThat(handler.ping()).isFalse();
		assertThat(handler.connection().isOpen()).isFalse();
		handler.close(4000, "no effect");
		assertThat(tester.closeReason()).isNull();
		assertThat(tester.sentMessages()).isEmpty();
		assertThat(tester.sentBinary()).isEmpty();
		assertThat(tester.pingsSent()).isZero();
	}

	// ----- binary, pings, pongs and the Hixie drafts

	@Test
	void receiveBinaryRunsBinaryMessageReceivedAndSentBinaryRecordsCopies() {
		BinaryHandler handler = new BinaryHandler();
		WebSocketHandlerTester<BinaryHandler> tester = WebSocketHandlerTester.of(handler).connect();
		byte[] message = { 1, 2, 3 };

		tester.receiveBinary(message);
		message[0] = 9;
		tester.receiveBinary(new byte[] { 4 });

		assertThat(tester.sentBinary()).containsExactly(new byte[] { 3, 2, 1 }, new byte[] { 4 });
		assertThat(tester.sentMessages()).isEmpty();
		tester.sentBinary().get(0)[0] = 7;
		assertThat(tester.sentBinary().get(0)).containsExactly(3, 2, 1);
	}

	@Test
	void sentBinaryHasTheBytesAsTheyWereWhenSent() {
		BinaryHandler handler = new BinaryHandler();
		WebSocketHandlerTester<BinaryHandler> tester = WebSocketHandlerTester.of(handler).connect();
		byte[] buffer = { 1, 2 };

		handler.sendMessage(buffer);
		buffer[0] = 9;

		assertThat(tester.sentBinary()).containsExactly(new byte[] { 1, 2 });
	}

	@Test
	void sendMessageOfObjectSendsStringsAsTextAndBytesAsBinary() {
		BinaryHandler handler = new BinaryHandler();
		WebSocketHandlerTester<BinaryHandler> tester = WebSocketHandlerTester.of(handler).connect();

		assertThat(handler.sendMessage((Object) "text")).isTrue();
		assertThat(handler.sendMessage((Object) new byte[] { 5 })).isTrue();

		assertThat(tester.sentMessages()).containsExactly("text");
		assertThat(tester.sentBinary()).containsExactly(new byte[] { 5 });
	}

	@Test
	void aHandlerWithoutBinarySupportClosesWith1003() {
		WebSocketHandlerTester<EchoHandler> echo = WebSocketHandlerTester.of(new EchoHandler()).connect();

		echo.receiveBinary(new byte[] { 1 });

		assertThat(echo.closeReason()).isEqualTo(new CloseReason(1003, "Binary messages not supported"));
	}

	@Test
	void pingsAreCountedAndPongsDelivered() {
		BinaryHandler handler = new BinaryHandler();
		WebSocketHandlerTester<BinaryHandler> tester = WebSocketHandlerTester.of(handler).connect();
		assertThat(tester.pingsSent()).isZero();

		assertThat(handler.ping()).isTrue();
		assertThat(handler.ping()).isTrue();
		tester.receivePong("p".getBytes(StandardCharsets.UTF_8));

		assertThat(tester.pingsSent()).isEqualTo(2);
		assertThat(handler.pongs).containsExactly("p");
	}

	@Test
	void aHixieConnectionHasNoBinaryMessagesAndNoPings() {
		BinaryHandler handler = new BinaryHandler();
		WebSocketHandlerTester<BinaryHandler> tester = WebSocketHandlerTester.of(handler)
			.protocol(WebSocketProtocol.HIXIE_76)
			.connect();
		String id = handler.connection().id();

		assertThatThrownBy(() -> handler.sendMessage(new byte[] { 1 }))
			.isExactlyInstanceOf(UnsupportedOperationException.class)
			.hasMessage("Connection " + id + " speaks hixie-76, which has no binary messages; binary messages "
					+ "need RFC 6455");
		assertThat(handler.ping()).isFalse();
		assertThat(tester.pingsSent()).isZero();
		assertThat(tester.sentBinary()).isEmpty();
		assertThatThrownBy(() -> tester.receiveBinary(new byte[] { 1 }))
			.isExactlyInstanceOf(UnsupportedOperationException.class)
			.hasMessageContaining("hixie-76 has no binary messages");
		assertThatThrownBy(() -> tester.receivePong(new byte[0]))
			.isExactlyInstanceOf(UnsupportedOperationException.class)
			.hasMessageContaining("hixie-76 has no pongs");
		assertThat(handler.received).isEmpty();

		assertThat(handler.sendMessage("text is fine")).isTrue();
		assertThat(tester.sentMessages()).containsExactly("text is fine");
	}

	@Test
	void hixie75SpeaksNoBinaryEither() {
		BinaryHandler handler = new BinaryHandler();
		WebSocketHandlerTester.of(handler).protocol(WebSocketProtocol.HIXIE_75).connect();

		assertThatThrownBy(() -> handler.sendMessage(new byte[] { 1 }))
			.isExactlyInstanceOf(UnsupportedOperationException.class)
			.hasMessageContaining("speaks hixie-75, which has no binary messages");
	}

	// ----- JSON

	@Test
	void sentJsonLeavesOutTextThatIsNotOneJsonValue() {
		MixedHandler handler = new MixedHandler();
		WebSocketHandlerTester<MixedHandler> tester = WebSocketHandlerTester.of(handler).connect();

		assertThat(tester.sentMessages()).containsExactly("plain", "{\"a\":1}", "42 is the answer", "[1,2]", "",
				"{\"broken\":", "true");
		assertThat(tester.sentJson()).map(JsonNode::toString).containsExactly("{\"a\":1}", "[1,2]", "true");
	}

	@Test
	void sentJsonLeavesOutTextWithTrailingTokensWhateverTheMapper() {
		MixedHandler handler = new MixedHandler();
		WebSocketHandlerTester<MixedHandler> tester = WebSocketHandlerTester.of(handler)
			.jsonMapper(JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build())
			.connect();

		assertThat(tester.sentJson()).map(JsonNode::toString).containsExactly("{\"a\":1}", "[1,2]", "true");
	}

	@Test
	void sentJsonOfATypeFailsWhenAMessageDoesNotFit() {
		MixedHandler handler = new MixedHandler();
		WebSocketHandlerTester<MixedHandler> tester = WebSocketHandlerTester.of(handler).connect();

		assertThatThrownBy(() -> tester.sentJson(ChatMessage.class)).isInstanceOf(AssertionError.class)
			.hasMessageStartingWith(
					"The handler sent JSON [1,2] that cannot be read as " + ChatMessage.class.getName() + ": ");
	}

	@Test
	void theGivenJsonMapperEncodesAndDecodes() {
		WebSocketHandlerTester<ChatHandler> chat = WebSocketHandlerTester.of(new ChatHandler())
			.jsonMapper(JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build())
			.uri("/chat/lobby?name=bob")
			.pathVariable("room", "lobby")
			.connect();

		chat.receive("hi");

		assertThat(chat.sentMessages()).hasSize(2).allSatisfy((text) -> assertThat(text).contains("\n"));
		assertThat(chat.sentJson(ChatMessage.class)).last().isEqualTo(new ChatMessage("lobby", "bob", "hi"));
	}

	// ----- step by step, and from other threads

	@Test
	void nextSentTakesTheTextMessagesOneByOne() {
		WebSocketHandlerTester<EchoHandler> echo = WebSocketHandlerTester.of(new EchoHandler()).connect();
		assertThat(echo.nextSent()).isNull();

		echo.receive("a").receive("b");
		assertThat(echo.nextSent()).isEqualTo("You said: a");

		echo.receive("c");
		assertThat(echo.nextSent()).isEqualTo("You said: b");
		assertThat(echo.nextSent()).isEqualTo("You said: c");
		assertThat(echo.nextSent()).isNull();
		assertThat(echo.sentMessages()).containsExactly("You said: a", "You said: b", "You said: c");
	}

	@Test
	void nextSentWaitsForAMessageFromAnotherThread() throws Exception {
		ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
		try {
			ScheduledHandler handler = new ScheduledHandler(scheduler);
			WebSocketHandlerTester<ScheduledHandler> tester = WebSocketHandlerTester.of(handler).connect();
			assertThat(tester.nextSent()).isNull();

			assertThat(tester.nextSent(Duration.ofSeconds(10))).isEqualTo("tick");
			assertThat(tester.nextSent(Duration.ofMillis(50))).isNull();
		}
		finally {
			scheduler.shutdownNow();
		}
	}

	@Test
	void sendsFromManyThreadsAreAllRecordedEachThreadsInOrder() throws Exception {
		int threads = 8;
		int perThread = 500;
		WebSocketHandlerTester<EchoHandler> tester = WebSocketHandlerTester.of(new EchoHandler()).connect();
		WebSocketHandler handler = tester.handler();
		CountDownLatch start = new CountDownLatch(1);
		List<Thread> senders = new ArrayList<>();
		for (int t = 0; t < threads; t++) {
			int thread = t;
			Thread sender = new Thread(() -> {
				try {
					start.await();
				}
				catch (InterruptedException ex) {
					return;
				}
				for (int i = 0; i < perThread; i++) {
					handler.sendMessage(thread + ":" + i);
					handler.sendMessage(new byte[] { (byte) thread });
				}
			});
			sender.start();
			senders.add(sender);
		}
		start.countDown();
		for (Thread sender : senders) {
			sender.join(TimeUnit.SECONDS.toMillis(30));
		}

		List<String> sent = tester.sentMessages();
		assertThat(sent).hasSize(threads * perThread);
		assertThat(tester.sentBinary()).hasSize(threads * perThread);
		for (int t = 0; t < threads; t++) {
			String prefix = t + ":";
			List<String> ofThread = sent.stream().filter((text) -> text.startsWith(prefix)).toList();
			assertThat(ofThread).hasSize(perThread);
			for (int i = 0; i < perThread; i++) {
				assertThat(ofThread.get(i)).isEqualTo(prefix + i);
			}
		}
	}

	// ----- exceptions

	@Test
	void aCallbackExceptionIsThrownToTheTest() {
		FailingHandler handler = new FailingHandler();
		WebSocketHandlerTester<FailingHandler> tester = WebSocketHandlerTester.of(handler).connect();

		assertThatThrownBy(() -> tester.receive("boom")).isSameAs(handler.failure);

		tester.receive("fine");
		tester.disconnect(CloseReason.SERVER_ERROR);
		assertThat(tester.sentMessages()).containsExactly("fine");
		assertThat(handler.lostWith).isEqualTo(CloseReason.SERVER_ERROR);
	}

	@Test
	void anExceptionFromHeadersReceivedEndsTheTest() {
		WebSocketHandler handler = new WebSocketHandler() {

			@Override
			protected void headersReceived() {
				throw new IllegalArgumentException("bad headers");
			}

		};
		WebSocketHandlerTester<WebSocketHandler> tester = WebSocketHandlerTester.of(handler);

		assertThatIllegalArgumentException().isThrownBy(tester::connect).withMessage("bad headers");
		assertThatIllegalStateException().isThrownBy(() -> tester.receive("a"))
			.withMessageContaining("handshake did not complete");
	}

	// ----- handlers for the cases above

	static class RequestHandler extends WebSocketHandler {

		HandshakeRequest seenInHeaders;

		@Override
		protected void headersReceived() {
			this.seenInHeaders = request();
		}

	}

	static class SendingOnLostHandler extends WebSocketHandler {

		Boolean sentOnLost;

		@Override
		protected void connectionLost(CloseReason reason) {
			this.sentOnLost = sendMessage("goodbye");
		}

	}

	static class BinaryHandler extends WebSocketHandler {

		final List<byte[]> received = new CopyOnWriteArrayList<>();

		final List<String> pongs = new CopyOnWriteArrayList<>();

		@Override
		protected void binaryMessageReceived(byte[] message) {
			this.received.add(message);
			byte[] reversed = new byte[message.length];
			for (int i = 0; i < message.length; i++) {
				reversed[i] = message[message.length - 1 - i];
			}
			sendMessage(reversed);
		}

		@Override
		protected void pongReceived(byte[] payload) {
			this.pongs.add(new String(payload, StandardCharsets.UTF_8));
		}

	}

	static class MixedHandler extends WebSocketHandler {

		@Override
		protected void connectionMade() {
			sendMessage("plain");
			sendMessage(Map.of("a", 1));
			sendMessage("42 is the answer");
			sendMessage(List.of(1, 2));
			sendMessage("");
			sendMessage("{\"broken\":");
			sendMessage("true");
		}

	}

	static class ScheduledHandler extends WebSocketHandler {

		private final ScheduledExecutorService scheduler;

		ScheduledHandler(ScheduledExecutorService scheduler) {
			this.scheduler = scheduler;
		}

		@Override
		protected void connectionMade() {
			this.scheduler.schedule(() -> sendMessage("tick"), 100, TimeUnit.MILLISECONDS);
		}

	}

	static class FailingHandler extends WebSocketHandler {

		final IllegalStateException failure = new IllegalStateException("boom");

		volatile CloseReason lostWith;

		@Override
		protected void messageReceived(String message) {
			if (message.equals("boom")) {
				throw this.failure;
			}
			sendMessage(message);
		}

		@Override
		protected void connectionLost(CloseReason reason) {
			this.lostWith = reason;
		}

	}

}
