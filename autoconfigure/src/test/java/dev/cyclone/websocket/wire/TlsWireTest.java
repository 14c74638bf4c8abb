package dev.cyclone.websocket.wire;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Both protocols over TLS: the wire application on a self-signed certificate made by
 * {@code keytool} before the context starts. The clients trust any certificate (test
 * only).
 */
@SpringBootTest(classes = WireTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("wire")
class TlsWireTest {

	private static final String PASSWORD = "wire-test";

	private static final String ALIAS = "wire";

	/**
	 * Plaintext per TLS record in the burst test: each write of the client is a record of
	 * its own, and this size is neither a divisor nor a multiple of the server's buffers.
	 */
	private static final int TLS_RECORD_BYTES = 5000;

	private static Path keyStoreDirectory;

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void tls(DynamicPropertyRegistry registry) throws Exception {
		Path keyStore = generateKeyStore();
		registry.add("server.ssl.key-store", () -> keyStore.toUri().toString());
		registry.add("server.ssl.key-store-password", () -> PASSWORD);
		registry.add("server.ssl.key-store-type", () -> "PKCS12");
		registry.add("server.ssl.key-alias", () -> ALIAS);
	}

	private static synchronized Path generateKeyStore() throws IOException, InterruptedException {
		if (keyStoreDirectory == null) {
			keyStoreDirectory = Files.createTempDirectory("tls-wire-test");
		}
		Path keyStore = keyStoreDirectory.resolve("server.p12");
		if (Files.exists(keyStore)) {
			return keyStore;
		}
		Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
				"-genkeypair", "-alias", ALIAS, "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=localhost", "-ext",
				"SAN=ip:127.0.0.1,dns:localhost", "-validity", "2", "-storetype", "PKCS12", "-keystore",
				keyStore.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD, "-noprompt")
			.redirectErrorStream(true)
			.start();
		String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		if (!keytool.waitFor(60, TimeUnit.SECONDS) || keytool.exitValue() != 0 || !Files.exists(keyStore)) {
			throw new IllegalStateException("keytool failed: " + output);
		}
		return keyStore;
	}

	@AfterAll
	static void deleteKeyStore() throws IOException {
		if (keyStoreDirectory != null) {
			try (Stream<Path> files = Files.walk(keyStoreDirectory)) {
				for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
					Files.deleteIfExists(file);
				}
			}
		}
	}

	private static SSLContext trustAll() throws Exception {
		X509TrustManager trustAll = new X509TrustManager() {
			@Override
			public void checkClientTrusted(X509Certificate[] chain, String authType) {
			}

			@Override
			public void checkServerTrusted(X509Certificate[] chain, String authType) {
			}

			@Override
			public X509Certificate[] getAcceptedIssuers() {
				return new X509Certificate[0];
			}
		};
		SSLContext context = SSLContext.getInstance("TLS");
		context.init(null, new TrustManager[] { trustAll }, new SecureRandom());
		return context;
	}

	@Test
	void aHixie76HandshakeOverTlsAnswersWithAWssLocationAndTheSpecAnswerThenEchoes() throws Exception {
		try (SSLSocket socket = (SSLSocket) trustAll().getSocketFactory().createSocket("127.0.0.1", this.port)) {
			socket.setSoTimeout(10_000);
			socket.startHandshake();
			OutputStream out = socket.getOutputStream();
			InputStream in = socket.getInputStream();
			Map<String, String> headers = headers(openHixie76(out, in));
			assertThat(headers).containsEntry("upgrade", "WebSocket")
				.containsEntry("sec-websocket-location", "wss://127.0.0.1:" + this.port + "/echo")
				.containsEntry("sec-websocket-origin", "https://127.0.0.1:" + this.port);

			out.write(new byte[] { 0x00, 'h', 'i', (byte) 0xFF });
			out.flush();
			byte[] expected = ("\u0000You said: hi\u00FF").getBytes(StandardCharsets.ISO_8859_1);
			assertThat(in.readNBytes(expected.length)).isEqualTo(expected);

			out.write(new byte[] { (byte) 0xFF, 0x00 });
			out.flush();
			assertThat(in.readNBytes(2)).containsExactly(0xFF, 0x00);
		}
	}

	/**
	 * A burst of frames arrives as TLS records that the container reads ahead of the
	 * connection and decrypts in parts: every frame is answered although the socket has
	 * nothing more to tell the poller once the burst is in.
	 */
	@Test
	void aBurstOfHixie76FramesOverTlsIsAnsweredInFull() throws Exception {
		try (SSLSocket socket = (SSLSocket) trustAll().getSocketFactory().createSocket("127.0.0.1", this.port)) {
			socket.setSoTimeout(10_000);
			OutputStream out = socket.getOutputStream();
			InputStream in = socket.getInputStream();
			openHixie76(out, in);
			int frames = 200;
			ByteArrayOutputStream burst = new ByteArrayOutputStream();
			ByteArrayOutputStream expected = new ByteArrayOutputStream();
			for (int i = 0; i < frames; i++) {
				String text = String.format("%04d", i) + "x".repeat(996);
				burst.write(0x00);
				burst.write(text.getBytes(StandardCharsets.US_ASCII));
				burst.write(0xFF);
				expected.write(0x00);
				expected.write(("You said: " + text).getBytes(StandardCharsets.US_ASCII));
				expected.write(0xFF);
			}
			byte[] bytes = burst.toByteArray();
			for (int offset = 0; offset < bytes.length; offset += TLS_RECORD_BYTES) {
				out.write(bytes, offset, Math.min(TLS_RECORD_BYTES, bytes.length - offset));
			}
			out.flush();
			assertThat(in.readNBytes(expected.size())).isEqualTo(expected.toByteArray());
		}
	}

	@Test
	void rfc6455OverWssEchoesWithTheJdkClient() throws Exception {
		HttpClient http = HttpClient.newBuilder().sslContext(trustAll()).connectTimeout(Duration.ofSeconds(5)).build();
		CompletableFuture<String> reply = new CompletableFuture<>();
		CompletableFuture<Integer> closed = new CompletableFuture<>();
		StringBuilder partial = new StringBuilder();
		WebSocket webSocket = http.newWebSocketBuilder()
			.buildAsync(URI.create("wss://127.0.0.1:" + this.port + "/echo"), new WebSocket.Listener() {
				@Override
				public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
					partial.append(data);
					if (last) {
						reply.complete(partial.toString());
					}
					webSocket.request(1);
					return null;
				}

				@Override
				public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
					closed.complete(statusCode);
					return null;
				}

				@Override
				public void onError(WebSocket webSocket, Throwable error) {
					reply.completeExceptionally(error);
					closed.completeExceptionally(error);
				}
			})
			.orTimeout(10, TimeUnit.SECONDS)
			.join();
		webSocket.sendText("Hello over TLS", true).orTimeout(10, TimeUnit.SECONDS).join();
		assertThat(reply.orTimeout(10, TimeUnit.SECONDS).join()).isEqualTo("You said: Hello over TLS");
		webSocket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").orTimeout(10, TimeUnit.SECONDS).join();
		assertThat(closed.orTimeout(10, TimeUnit.SECONDS).join()).isEqualTo(WebSocket.NORMAL_CLOSURE);
	}

	/**
	 * Send the draft's example handshake to {@code /echo} and read its 101 answer.
	 * @return the answer's head, checked to have the draft's response key after it
	 */
	private String openHixie76(OutputStream out, InputStream in) throws IOException {
		String request = "GET /echo HTTP/1.1\r\n" + "Host: 127.0.0.1:" + this.port + "\r\n" + "Upgrade: WebSocket\r\n"
				+ "Connection: Upgrade\r\n" + "Origin: https://127.0.0.1:" + this.port + "\r\n"
				+ "Sec-WebSocket-Key1: 4 @1  46546xW%0l 1 5\r\n" + "Sec-WebSocket-Key2: 12998 5 Y3 1  .P00\r\n" + "\r\n"
				+ "^n:ds[4U";
		out.write(request.getBytes(StandardCharsets.ISO_8859_1));
		out.flush();
		String head = RawHttp.readHead(in);
		assertThat(head).startsWith("HTTP/1.1 101");
		assertThat(new String(in.readNBytes(16), StandardCharsets.ISO_8859_1)).isEqualTo("8jKS'y:G*Co,Wxa-");
		return head;
	}

	/**
	 * @return the header fields of a response head, names in lower case
	 */
	private static Map<String, String> headers(String head) {
		Map<String, String> headers = new LinkedHashMap<>();
		List<String> lines = List.of(head.split("\r\n"));
		for (String line : lines.subList(1, lines.size())) {
			int colon = line.indexOf(':');
			if (colon > 0) {
				headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
			}
		}
		return headers;
	}

}
