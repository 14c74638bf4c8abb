package dev.cyclone.websocket.test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.security.Principal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

import dev.cyclone.websocket.CloseReason;
import dev.cyclone.websocket.HandshakeRequest;
import dev.cyclone.websocket.WebSocketHandler;
import dev.cyclone.websocket.WebSocketProtocol;
import dev.cyclone.websocket.internal.HandlerCallbacks;

import org.springframework.http.HttpHeaders;
import org.springframework.util.Assert;
import org.springframework.util.StringUtils;

/**
 * Unit-test a {@link WebSocketHandler} without a server: run its callbacks in the order
 * the server does and assert on what it sent and whether it closed the connection.
 *
 * <pre class="code">
 * WebSocketHandlerTester&lt;ChatWebSocket&gt; chat = WebSocketHandlerTester.of(new ChatWebSocket(roomService))
 *         .uri("/chat/lobby?name=ann")
 *         .pathVariable("room", "lobby")
 *         .connect();
 *
 * chat.receive("Hello");
 *
 * assertThat(chat.sentJson()).singleElement()
 *         .satisfies((json) -&gt; assertThat(json.get("text").asString()).isEqualTo("Hello"));
 * chat.disconnect();
 * </pre>
 *
 * <h2>The handshake</h2> {@link #of(WebSocketHandler)} takes a handler the test builds
 * itself, with its dependencies (mocks, fakes), as the server would inject them. Describe
 * the handshake request with {@link #uri(String)}, {@link #header}, {@link #cookie},
 * {@link #principal}, {@link #pathVariable} and {@link #remoteAddress}, and the
 * connection with {@link #protocol}, {@link #subprotocol}, {@link #attribute},
 * {@link #handlerName} and {@link #jsonMapper}; then {@link #connect()} runs
 * {@code headersReceived} and, unless the handler called {@code forbidConnection},
 * {@code connectionMade}. Path variables are given as such: the tester does not match the
 * URI against a path pattern.
 *
 * <h2>Driving the callbacks</h2> {@link #receive(String)}, {@link #receiveBinary(byte[])}
 * and {@link #receivePong(byte[])} run {@code messageReceived},
 * {@code binaryMessageReceived} and {@code pongReceived} on the calling thread;
 * {@link #disconnect()} runs {@code connectionLost}, exactly once. Callbacks never run
 * concurrently, as on the server. A callback's exception is thrown to the test as it is;
 * the real server would log it and close the connection with
 * {@link CloseReason#SERVER_ERROR 1011} (then run {@code connectionLost}, which a test
 * does with {@code disconnect(CloseReason.SERVER_ERROR)}).
 *
 * <h2>What the handler sent</h2> The fake connection records every text message (JSON
 * ones as their JSON text), binary message and ping, in order, from any thread:
 * {@link #sentMessages()}, {@link #sentJson()}, {@link #sentBinary()},
 * {@link #pingsSent()}, and {@link #nextSent()} to take the text messages one at a time.
 * As on the server, a send returns {@code false} and is not recorded once the handler has
 * closed the connection or the test has disconnected it; a binary message on a Hixie
 * connection throws {@link UnsupportedOperationException} and a ping on one returns
 * {@code false}. {@link #isClosed()} and {@link #closeReason()} tell whether and how the
 * handler closed the connection.
 *
 * <p>
 * One tester drives one connection of one handler instance, like the server. Its
 * recording is thread-safe; its configuration methods are meant for the test's own
 * thread, before {@link #connect()}.
 *
 * @param <H> the handler's type
 */
public final class WebSocketHandlerTester<H extends WebSocketHandler> {

	private static final URI BASE_URI = URI.create("http://localhost/");

	private static final JsonMapper DEFAULT_JSON_MAPPER = JsonMapper.builder().build();

	private static final AtomicLong CONNECTION_IDS = new AtomicLong();

	private final H handler;

	private final ReentrantLock callbackLock = new ReentrantLock();

	private URI uri = BASE_URI;

	private final HttpHeaders headers = new HttpHeaders();

	private final Map<String, String> cookies = new LinkedHashMap<>();

	private @Nullable Principal principal;

	private final Map<String, String> pathVariables = new LinkedHashMap<>();

	private @Nullable InetSocketAddress remoteAddress = new InetSocketAddress(InetAddress.getLoopbackAddress(), 49152);

	private WebSocketProtocol protocol = WebSocketProtocol.RFC_6455;

	private @Nullable String subprotocol;

	private final Map<String, Object> attributes = new ConcurrentHashMap<>();

	private String handlerName;

	private JsonMapper jsonMapper = DEFAULT_JSON_MAPPER;

	private volatile Stage stage = Stage.NEW;

	private volatile @Nullable String forbiddenMessage;

	private volatile @Nullable RecordingConnection connection;

	private volatile @Nullable CloseReason lostReason;

	private WebSocketHandlerTester(H handler) {
		this.handler = handler;
		this.handlerName = defaultHandlerName(handler.getClass());
	}

	private static String defaultHandlerName(Class<?> handlerClass) {
		String simpleName = handlerClass.getSimpleName();
		return StringUtils.hasLength(simpleName) ? StringUtils.uncapitalizeAsProperty(simpleName) : "webSocketHandler";
	}

	/**
	 * Start testing a handler instance. Build it as the server would, with its
	 * dependencies; like on the server, an instance serves one connection only.
	 * @param handler a handler instance never connected before
	 * @param <H> the handler's type
	 * @return a tester to describe the handshake on, then {@link #connect()}
	 */
	public static <H extends WebSocketHandler> WebSocketHandlerTester<H> of(H handler) {
		Assert.notNull(handler, "Handler must not be null");
		return new WebSocketHandlerTester<>(handler);
	}

	// ----- the handshake

	/**
	 * The request URI, with its query, which {@code request().queryParameter(name)}
	 * reads. A relative URI such as {@code /chat/lobby?name=ann} is resolved against
	 * {@code http://localhost/}, as the server gives absolute URIs. Query parameters must
	 * be percent-encoded as they would be on the wire. Defaults to
	 * {@code http://localhost/}.
	 * @param uri the URI
	 * @return this tester
	 */
	public WebSocketHandlerTester<H> uri(String uri) {
		Assert.hasText(uri, "URI must not be empty");
		URI parsed;
		try {
			parsed = URI.create(uri);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException("'" + uri + "' is not a valid URI; percent-encode the characters "
					+ "that need it, such as spaces (%20): " + ex.getMessage(), ex);
		}
		return uri(parsed);
	}

	/**
	 * The request URI; see {@link #uri(String)}.
	 * @param uri the URI, absolute or resolved against {@code http://localhost/}
	 * @return this tester
	 */
	public WebSocketHandlerTester<H> uri(URI uri) {
		Assert.notNull(uri, "URI must not be null");
		configuring();
		this.uri = uri.isAbsolute() ? uri : BASE_URI.resolve(uri);
		return this;
	}

	/**
	 * Add a request header; call again to add more values of the same header.
	 * @param name the header name
	 * @param value the value
	 * @return this tester
	 */
	public WebSocketHandlerTester<H> header(String name, String value) {
		Assert.hasText(name, "Header name must not be empty");
		Assert.notNull(value, "Header value must not be null");
		configuring();
		this.headers.add(name, value);
		return this;
	}

	/**
	 * Add a cookie to the request's {@code Cookie} header.
	 * @param name the cookie name
	 * @param value the value
	 * @return this tester
	 */
	public WebSocketHandlerTester<H> cookie(String name, String value) {
		Assert.hasText(name, "Cookie name must not be empty");
		Assert.notNull(value, "Cookie value must not be null");
		configuring();
		this.cookies.put(name, value);
		return this;
	}

	/**
	 * The authenticated user of the request, for example {@code () -> "ann"}. None by
	 * default.
	 * @param principal the user, or {@code null} for none
	 * @return this tester
	 */
	public WebSocketHandlerTester<H> principal(@Nullable Principal principal) {
		configuring();
		this.principal = principal;
		return this;
	}

	/**
	 * A variable of the path pattern the handler is mapped to ({@code room} for
	 * {@code /chat/{room}}).
	 * @param name the variable name
	 * @param value its value
	 * @return this tester
	 */
	public WebSocketHandlerTester<H> pathVariable(String name, String value) {
		Assert.hasText(name, "Path variable name must not be empty");
		Assert.notNull(value, "Path variable value must not be null");
		configuring();
		this.pathVariables.put(name, value);
		return this;
	}

	/**
	 * The peer's address. Defaults to the loopback address, port 49152.
	 * @param remoteAddress the address, or {@code null} for unknown
	 * @return this tester
	 */
	public WebSocketHandlerTester<H> remoteAddress(@Nullable InetSocketAddress remoteAddress) {
		configuring();
		this.remoteAddress = remoteAddress;
		return this;
	}

	/**
	 * The protocol the connection speaks. Defaults to {@link WebSocketProtocol#RFC_6455};
	 * the Hixie drafts have no binary messages and no pings.
	 * @param protocol the protocol
	 * @return this tester
	 */
	public WebSocketHandlerTester<H> protocol(WebSocketProtocol protocol) {
		Assert.notNull(protocol, "Protocol must not be null");
		configuring();
		this.protocol = protocol;
		return this;
	}

	/**
	 * The subprotocol agreed in the handshake. None by default.
	 * @param subprotocol the subprotocol, or {@code null} for none
	 * @return this tester
	 */
	public WebSocketHandlerTester<H> subprotocol(@Nullable String subprotocol) {
		configuring();
		this.subprotocol = subprotocol;
		return this;
	}

	/**
	 * An attribute of the connection, as a handshake interceptor would set it.
	 * @param name the attribute name
	 * @param value its value
	 * @return this tester
	 */
	public WebSocketHandlerTester<H> attribute(String name, Object value) {
		Assert.hasText(name, "Attribute name must not be empty");
		Assert.notNull(value, "Attribute value must not be null");
		configuring();
		this.attributes.put(name, value);
		return this;
	}

	/**
	 * The handler's bean name, which {@code connection().handlerName()} gives. Defaults
	 * to the class's simple name with a lower-case first letter, as Spring names a
	 * {@code @Component}.
	 * @param handlerName the bean name
	 * @return this tester
	 */
	public WebSocketHandlerTester<H> handlerName(String handlerName) {
		Assert.hasText(handlerName, "Handler name must not be empty");
		configuring();
		this.handlerName = handlerName;
		return this;
	}

	/**
	 * The mapper that encodes {@code sendMessage(Object)} and decodes
	 * {@link #sentJson()}: give the application's own to test its customisations.
	 * Defaults to {@code JsonMapper.builder().build()}.
	 * @param jsonMapper the mapper
	 * @return this tester
	 */
	public WebSocketHandlerTester<H> jsonMapper(JsonMapper jsonMapper) {
		Assert.notNull(jsonMapper, "JsonMapper must not be null");
		configuring();
		this.jsonMapper = jsonMapper;
		return this;
	}

	private void configuring() {
		if (this.stage != Stage.NEW) {
			throw new IllegalStateException(
					"The handshake is described before connect(); this tester already " + "connected");
		}
	}

	// ----- the callbacks

	/**
	 * Run the handshake: {@code headersReceived}, then {@code connectionMade} unless the
	 * handler called {@code forbidConnection}; {@link #forbiddenMessage()} tells which.
	 * Runs once.
	 * @return this tester
	 * @throws IllegalStateException when called twice, or when the handler instance
	 * served a connection before
	 */
	public WebSocketHandlerTester<H> connect() {
		this.callbackLock.lock();
		try {
			if (this.stage != Stage.NEW) {
				throw new IllegalStateException("connect() runs once: a tester drives one connection");
			}
			this.stage = Stage.HANDSHAKE;
			HandshakeRequest request = new HandshakeRequest(this.uri, requestHeaders(), this.principal,
					this.pathVariables, this.remoteAddress);
			String forbidden = HandlerCallbacks.get().handshake(this.handler, request);
			if (forbidden != null) {
				this.forbiddenMessage = forbidden;
				this.stage = Stage.FORBIDDEN;
				return this;
			}
			RecordingConnection connection = new RecordingConnection("test-" + CONNECTION_IDS.incrementAndGet(),
					this.handlerName, this.protocol, request, this.subprotocol, this.attributes, this.jsonMapper);
			this.connection = connection;
			this.stage = Stage.OPEN;
			HandlerCallbacks.get().connectionMade(this.handler, connection);
			return this;
		}
		finally {
			this.callbackLock.unlock();
		}
	}

	private HttpHeaders requestHeaders() {
		HttpHeaders requestHeaders = new HttpHeaders();
		requestHeaders.addAll(this.headers);
		if (!this.cookies.isEmpty()) {
			requestHeaders.add(HttpHeaders.COOKIE,
					this.cookies.entrySet()
						.stream()
						.map((cookie) -> cookie.getKey() + "=" + cookie.getValue())
						.collect(Collectors.joining("; ")));
		}
		return requestHeaders;
	}

	/**
	 * Run {@code messageReceived} with a text message from the peer.
	 * @param message the message
	 * @return this tester
	 * @throws IllegalStateException when the connection is not open: before
	 * {@link #connect()}, after a refused handshake, after the handler closed it, after
	 * {@link #disconnect()}
	 */
	public WebSocketHandlerTester<H> receive(String message) {
		Assert.notNull(message, "Message must not be null");
		return runOpen("receive(String)", () -> HandlerCallbacks.get().messageReceived(this.handler, message));
	}

	/**
	 * Run {@code binaryMessageReceived} with a binary message from the peer.
	 * @param message the message
	 * @return this tester
	 * @throws IllegalStateException as {@link #receive(String)}
	 * @throws UnsupportedOperationException on a Hixie connection, whose peer cannot send
	 * binary messages
	 */
	public WebSocketHandlerTester<H> receiveBinary(byte[] message) {
		Assert.notNull(message, "Message must not be null");
		requireRfc6455("receiveBinary(byte[])", "binary messages");
		byte[] copy = message.clone();
		return runOpen("receiveBinary(byte[])", () -> HandlerCallbacks.get().binaryMessageReceived(this.handler, copy));
	}

	/**
	 * Run {@code pongReceived} with a pong from the peer.
	 * @param payload the pong's payload
	 * @return this tester
	 * @throws IllegalStateException as {@link #receive(String)}
	 * @throws UnsupportedOperationException on a Hixie connection, which has no pongs
	 */
	public WebSocketHandlerTester<H> receivePong(byte[] payload) {
		Assert.notNull(payload, "Payload must not be null");
		requireRfc6455("receivePong(byte[])", "pongs");
		byte[] copy = payload.clone();
		return runOpen("receivePong(byte[])", () -> HandlerCallbacks.get().pongReceived(this.handler, copy));
	}

	private void requireRfc6455(String method, String what) {
		if (this.protocol != WebSocketProtocol.RFC_6455) {
			throw new UnsupportedOperationException(method + " on a " + this.protocol + " connection: " + this.protocol
					+ " has no " + what + "; they need RFC 6455");
		}
	}

	private WebSocketHandlerTester<H> runOpen(String method, Runnable callback) {
		this.callbackLock.lock();
		try {
			RecordingConnection open = requireStage(Stage.OPEN, method);
			CloseReason closed = open.closeReason();
			if (closed != null) {
				throw new IllegalStateException(method + " after the handler closed the connection with " + closed
						+ ": the server delivers no more messages; call disconnect() to run connectionLost");
			}
			callback.run();
			return this;
		}
		finally {
			this.callbackLock.unlock();
		}
	}

	/**
	 * The peer or the network ends the connection: run {@code connectionLost} with the
	 * close reason the handler closed with ({@link #closeReason()}), or with
	 * {@link CloseReason#NORMAL 1000} when it did not close.
	 * @return this tester
	 * @throws IllegalStateException when the connection was never open, or when
	 * {@code connectionLost} already ran
	 */
	public WebSocketHandlerTester<H> disconnect() {
		RecordingConnection open = this.connection;
		CloseReason closed = (open != null) ? open.closeReason() : null;
		return disconnect((closed != null) ? closed : CloseReason.NORMAL);
	}

	/**
	 * The peer or the network ends the connection with this reason, for example
	 * {@link CloseReason#ABNORMAL 1006} for a dropped connection or
	 * {@link CloseReason#GOING_AWAY 1001} for a shutdown: run {@code connectionLost},
	 * exactly once. From then on the handler's sends return {@code false} and are not
	 * recorded.
	 * @param reason why the connection ended
	 * @return this tester
	 * @throws IllegalStateException when the connection was never open, or when
	 * {@code connectionLost} already ran
	 */
	public WebSocketHandlerTester<H> disconnect(CloseReason reason) {
		Assert.notNull(reason, "Close reason must not be null");
		this.callbackLock.lock();
		try {
			RecordingConnection open = requireStage(Stage.OPEN, "disconnect()");
			this.stage = Stage.LOST;
			this.lostReason = reason;
			open.lost();
			HandlerCallbacks.get().connectionLost(this.handler, reason);
			return this;
		}
		finally {
			this.callbackLock.unlock();
		}
	}

	private RecordingConnection requireStage(Stage expected, String method) {
		Stage current = this.stage;
		if (current == expected) {
			return connection();
		}
		String why = switch (current) {
			case NEW -> "the connection is not open yet: call connect() first";
			case HANDSHAKE -> "the handshake did not complete: headersReceived or connectionMade threw";
			case FORBIDDEN -> "the handler refused the handshake (forbidConnection(\"" + this.forbiddenMessage
					+ "\")): connectionMade and connectionLost never run for a refused connection";
			case OPEN -> "the connection is open";
			case LOST -> "connectionLost already ran, with " + this.lostReason + ": it runs exactly once";
		};
		throw new IllegalStateException(method + " is not possible: " + why);
	}

	private RecordingConnection connection() {
		RecordingConnection current = this.connection;
		Assert.state(current != null, "No connection");
		return current;
	}

	// ----- the results

	/**
	 * @return the handler under test, the instance given to {@link #of(WebSocketHandler)}
	 */
	public H handler() {
		return this.handler;
	}

	/**
	 * Whether the handler refused the handshake with {@code forbidConnection}.
	 * @return {@code true} when it did
	 * @throws IllegalStateException before {@link #connect()}
	 */
	public boolean isForbidden() {
		return forbiddenMessage() != null;
	}

	/**
	 * Why the handler refused the handshake: the message it gave
	 * {@code forbidConnection}, which the server sends as the body of a
	 * {@code 403 Forbidden} response.
	 * @return the message, or {@code null} when the handler accepted the connection
	 * @throws IllegalStateException before {@link #connect()}
	 */
	public @Nullable String forbiddenMessage() {
		if (this.stage == Stage.NEW) {
			throw new IllegalStateException("The handshake has not run yet: call connect() first");
		}
		return this.forbiddenMessage;
	}

	/**
	 * The text messages the handler sent, in order, including those it sent as JSON
	 * ({@code sendMessage(Object)}), as their JSON text. Not affected by
	 * {@link #nextSent()}.
	 * @return a snapshot, empty when nothing was sent
	 */
	public List<String> sentMessages() {
		RecordingConnection current = this.connection;
		return (current != null) ? current.texts() : List.of();
	}

	/**
	 * The text messages the handler sent that parse as one JSON value, in order, as
	 * trees. Other text (such as {@code You said: hi}) is left out; a message such as
	 * {@code 42} or {@code true} is JSON.
	 * @return a snapshot, empty when no JSON was sent
	 */
	public List<JsonNode> sentJson() {
		ObjectReader reader = this.jsonMapper.readerFor(JsonNode.class)
			.with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
		List<JsonNode> json = new ArrayList<>();
		for (String text : sentMessages()) {
			try {
				JsonNode node = reader.readTree(text);
				if (node != null && !node.isMissingNode()) {
					json.add(node);
				}
			}
			catch (JacksonException ex) {
				// not JSON: a plain text message
			}
		}
		return Collections.unmodifiableList(json);
	}

	/**
	 * The JSON messages the handler sent ({@link #sentJson()}), each read as the given
	 * type with the tester's {@code JsonMapper}.
	 * @param type the type to read each message as, for example a record
	 * @param <T> the type
	 * @return a snapshot, empty when no JSON was sent
	 * @throws AssertionError when a JSON message cannot be read as the type
	 */
	public <T> List<T> sentJson(Class<T> type) {
		Assert.notNull(type, "Type must not be null");
		List<T> values = new ArrayList<>();
		for (JsonNode node : sentJson()) {
			try {
				values.add(this.jsonMapper.treeToValue(node, type));
			}
			catch (JacksonException ex) {
				throw new AssertionError("The handler sent JSON " + node + " that cannot be read as " + type.getName()
						+ ": " + ex.getOriginalMessage(), ex);
			}
		}
		return Collections.unmodifiableList(values);
	}

	/**
	 * The binary messages the handler sent, in order.
	 * @return copies of the messages, empty when none was sent
	 */
	public List<byte[]> sentBinary() {
		RecordingConnection current = this.connection;
		return (current != null) ? current.binaries() : List.of();
	}

	/**
	 * How many pings the handler sent ({@code ping()}); always zero on a Hixie
	 * connection, where a ping returns {@code false}.
	 * @return the number of pings
	 */
	public int pingsSent() {
		RecordingConnection current = this.connection;
		return (current != null) ? current.pings() : 0;
	}

	/**
	 * Take the next text message the handler sent that this method has not returned yet,
	 * for step-by-step assertions. Does not wait.
	 * @return the message, or {@code null} when every message sent so far was taken
	 */
	public @Nullable String nextSent() {
		return nextSent(Duration.ZERO);
	}

	/**
	 * Take the next text message as {@link #nextSent()} does, waiting up to the timeout
	 * for the handler to send one, for handlers that send from other threads.
	 * @param timeout how long to wait at most
	 * @return the message, or {@code null} when none came in time
	 */
	public @Nullable String nextSent(Duration timeout) {
		Assert.notNull(timeout, "Timeout must not be null");
		Assert.isTrue(!timeout.isNegative(), "Timeout must not be negative");
		RecordingConnection current = this.connection;
		if (current == null) {
			return null;
		}
		return current.nextText(timeout);
	}

	/**
	 * Whether the handler closed the connection ({@code close()} or
	 * {@code close(code, reason)}). A {@link #disconnect()} from the test side does not
	 * count.
	 * @return {@code true} when the handler closed it
	 */
	public boolean isClosed() {
		return closeReason() != null;
	}

	/**
	 * The code and reason the handler closed the connection with; the first close counts,
	 * as on the server.
	 * @return the close reason, or {@code null} when the handler did not close the
	 * connection
	 */
	public @Nullable CloseReason closeReason() {
		RecordingConnection current = this.connection;
		return (current != null) ? current.closeReason() : null;
	}

	@Override
	public String toString() {
		return "WebSocketHandlerTester[" + this.handler.getClass().getName() + ", " + this.stage + "]";
	}

	private enum Stage {

		NEW, HANDSHAKE, FORBIDDEN, OPEN, LOST

	}

}
