package dev.cyclone.websocket.wire;

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
 * The JDK's {@code java.net.http.WebSocket} as a test peer: collects text messages and
 * the close it receives.
 */
final class JdkClient implements WebSocket.Listener {

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	private final BlockingQueue<String> messages = new LinkedBlockingQueue<>();

	private final BlockingQueue<byte[]> binaryMessages = new LinkedBlockingQueue<>();

	private final CompletableFuture<Integer> closeCode = new CompletableFuture<>();

	private final StringBuilder partial = new StringBuilder();

	private WebSocket webSocket;

	static JdkClient connect(URI uri) {
		return connect(uri, Map.of(), List.of());
	}

	static JdkClient connect(URI uri, Map<String, String> headers, List<String> subprotocols) {
		JdkClient client = new JdkClient();
		WebSocket.Builder builder = HTTP.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5));
		headers.forEach(builder::header);
		if (!subprotocols.isEmpty()) {
			builder.subprotocols(subprotocols.get(0),
					subprotocols.subList(1, subprotocols.size()).toArray(String[]::new));
		}
		client.webSocket = builder.buildAsync(uri, client).orTimeout(10, TimeUnit.SECONDS).join();
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
		this.binaryMessages.add(bytes);
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

	WebSocket webSocket() {
		return this.webSocket;
	}

	void send(String text) {
		this.webSocket.sendText(text, true).orTimeout(10, TimeUnit.SECONDS).join();
	}

	String next() throws InterruptedException {
		String message = this.messages.poll(10, TimeUnit.SECONDS);
		if (message == null) {
			throw new AssertionError("No message within 10 s");
		}
		return message;
	}

	List<String> next(int count) throws InterruptedException {
		List<String> received = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			received.add(next());
		}
		return received;
	}

	byte[] nextBinary() throws InterruptedException {
		byte[] message = this.binaryMessages.poll(10, TimeUnit.SECONDS);
		if (message == null) {
			throw new AssertionError("No binary message within 10 s");
		}
		return message;
	}

	String sendAndReceive(String text) throws InterruptedException {
		send(text);
		return next();
	}

	int awaitCloseCode() {
		return this.closeCode.orTimeout(10, TimeUnit.SECONDS).join();
	}

	void close() {
		this.webSocket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").orTimeout(10, TimeUnit.SECONDS).join();
	}

	String subprotocol() {
		return this.webSocket.getSubprotocol();
	}

}
