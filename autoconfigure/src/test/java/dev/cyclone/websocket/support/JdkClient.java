package dev.cyclone.websocket.support;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The JDK's {@code java.net.http.WebSocket} as a test peer: collects whole text and
 * binary messages and the close it receives.
 */
public final class JdkClient implements WebSocket.Listener {

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	private final BlockingQueue<String> messages = new LinkedBlockingQueue<>();

	private final BlockingQueue<byte[]> binaryMessages = new LinkedBlockingQueue<>();

	private final CompletableFuture<Integer> closeCode = new CompletableFuture<>();

	private final StringBuilder partial = new StringBuilder();

	private final ByteArrayOutputStream partialBinary = new ByteArrayOutputStream();

	private WebSocket webSocket;

	public static JdkClient connect(URI uri) {
		return connect(uri, Map.of(), List.of());
	}

	public static JdkClient connect(URI uri, Map<String, String> headers, List<String> subprotocols) {
		return connect(HTTP, uri, headers, subprotocols);
	}

	/**
	 * Connect through a client of the test's own (its executor, for example).
	 * @param http the HTTP client
	 * @param uri the WebSocket URI
	 * @param headers extra request headers
	 * @param subprotocols the subprotocols to ask for
	 * @return the connected client
	 */
	public static JdkClient connect(HttpClient http, URI uri, Map<String, String> headers, List<String> subprotocols) {
		JdkClient client = new JdkClient();
		WebSocket.Builder builder = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10));
		headers.forEach(builder::header);
		if (!subprotocols.isEmpty()) {
			builder.subprotocols(subprotocols.get(0),
					subprotocols.subList(1, subprotocols.size()).toArray(String[]::new));
		}
		client.webSocket = builder.buildAsync(uri, client).orTimeout(15, TimeUnit.SECONDS).join();
		return client;
	}

	@Override
	public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
		this.partial.append(data);
		if (last) {
			this.messages.add(this.partial.toString());
			this.partial.setLength(0);
		}
		webSocket.request(1);
		return null;
	}

	@Override
	public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
		byte[] bytes = new byte[data.remaining()];
		data.get(bytes);
		this.partialBinary.writeBytes(bytes);
		if (last) {
			this.binaryMessages.add(this.partialBinary.toByteArray());
			this.partialBinary.reset();
		}
		webSocket.request(1);
		return null;
	}

	@Override
	public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
		this.closeCode.complete(statusCode);
		return null;
	}

	@Override
	public void onError(WebSocket webSocket, Throwable error) {
		this.closeCode.completeExceptionally(error);
	}

	public WebSocket webSocket() {
		return this.webSocket;
	}

	public void send(String text) {
		this.webSocket.sendText(text, true).orTimeout(10, TimeUnit.SECONDS).join();
	}

	public String next() throws InterruptedException {
		String message = this.messages.poll(10, TimeUnit.SECONDS);
		if (message == null) {
			throw new AssertionError("No message within 10 s");
		}
		return message;
	}

	public List<String> next(int count) throws InterruptedException {
		List<String> received = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			received.add(next());
		}
		return received;
	}

	public byte[] nextBinary() throws InterruptedException {
		byte[] message = this.binaryMessages.poll(10, TimeUnit.SECONDS);
		if (message == null) {
			throw new AssertionError("No binary message within 10 s");
		}
		return message;
	}

	public String sendAndReceive(String text) throws InterruptedException {
		send(text);
		return next();
	}

	public int awaitCloseCode() {
		return this.closeCode.orTimeout(10, TimeUnit.SECONDS).join();
	}

	public void close() {
		this.webSocket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").orTimeout(10, TimeUnit.SECONDS).join();
	}

	/**
	 * @return whether no text message is waiting to be read
	 */
	public boolean hasNoMessage() {
		return this.messages.isEmpty();
	}

	public String subprotocol() {
		return this.webSocket.getSubprotocol();
	}

}
