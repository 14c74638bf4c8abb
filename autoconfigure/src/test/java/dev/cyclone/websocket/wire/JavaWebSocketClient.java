package dev.cyclone.websocket.wire;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.java_websocket.client.WebSocketClient;
import org.java_websocket.framing.CloseFrame;
import org.java_websocket.handshake.ServerHandshake;

/**
 * The third-party client Java-WebSocket 1.3.4 as a Hixie-76 test peer, with
 * {@link WellFormedKeysDraft76} and an explicit {@code Origin} (the library otherwise
 * sends {@code Origin: random<number>}).
 */
final class JavaWebSocketClient extends WebSocketClient {

	private final BlockingQueue<String> messages = new LinkedBlockingQueue<>();

	private final CompletableFuture<Integer> closed = new CompletableFuture<>();

	private final List<Exception> errors = new CopyOnWriteArrayList<>();

	private volatile ServerHandshake handshake;

	private JavaWebSocketClient(URI uri, Random keys, List<String> sentKeys, String origin) {
		super(uri, new WellFormedKeysDraft76(keys, sentKeys), Map.of("Origin", origin), 5_000);
	}

	/**
	 * Connect and complete the handshake, which the client only accepts when the server's
	 * 16-byte answer matches.
	 * @param uri the {@code ws://} URI
	 * @param keys the source of the handshake keys
	 * @param sentKeys where the keys sent are recorded
	 * @param origin the {@code Origin} header
	 * @return the open client
	 */
	static JavaWebSocketClient connect(URI uri, Random keys, List<String> sentKeys, String origin)
			throws InterruptedException {
		JavaWebSocketClient client = new JavaWebSocketClient(uri, keys, sentKeys, origin);
		if (!client.connectBlocking() || !client.isOpen()) {
			throw new AssertionError("Hixie-76 handshake to " + uri + " failed with keys "
					+ sentKeys.subList(Math.max(0, sentKeys.size() - 2), sentKeys.size()) + ", close "
					+ client.closed.getNow(null) + ", errors " + client.errors);
		}
		return client;
	}

	@Override
	public void onOpen(ServerHandshake handshake) {
		this.handshake = handshake;
	}

	/**
	 * @return the server's handshake response, which the client accepted
	 */
	ServerHandshake handshake() {
		return this.handshake;
	}

	@Override
	public void onMessage(String message) {
		this.messages.add(message);
	}

	@Override
	public void onClose(int code, String reason, boolean remote) {
		this.closed.complete(code);
	}

	@Override
	public void onError(Exception ex) {
		this.errors.add(ex);
	}

	String next() throws InterruptedException {
		String message = this.messages.poll(10, TimeUnit.SECONDS);
		if (message == null) {
			throw new AssertionError("No message within 10 s; errors " + this.errors);
		}
		return message;
	}

	String sendAndReceive(String text) throws InterruptedException {
		send(text);
		return next();
	}

	/**
	 * Start the closing handshake from the client ({@code 0xFF 0x00}) and wait until the
	 * connection is closed. The library's own {@code close()} is not used: with
	 * {@code Draft_76} it queues the closing frame for its writer thread and then closes
	 * the socket, and now and then the socket is closed before the frame is written (seen
	 * here through a recording proxy: 16 of 100 connections went away with no
	 * {@code 0xFF 0x00} on the wire, which the server rightly reports as 1006). The
	 * library then fails to parse the server's {@code 0xFF 0x00} reply
	 * ({@code InvalidFrameException: unexpected END_OF_FRAME}, its {@code Draft_75} frame
	 * reader rejects a 0xFF outside a frame before {@code Draft_76} looks for the closing
	 * handshake) and reports an error to {@link #onError}; it closes all the same.
	 */
	void closeCleanly() {
		CloseFrame frame = new CloseFrame();
		frame.setCode(CloseFrame.NORMAL);
		sendFrame(frame);
		this.closed.orTimeout(10, TimeUnit.SECONDS).join();
	}

	List<Exception> errors() {
		return this.errors;
	}

}
