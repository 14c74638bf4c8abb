package dev.cyclone.websocket.wire;

import java.net.URI;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;

import org.junit.jupiter.api.Test;

import dev.cyclone.websocket.support.JdkClient;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * With Spring Security on the classpath, the handshake of every protocol passes through
 * the security filter chain: an upgrade without valid credentials is refused with 401
 * before any WebSocket code answers, and the authenticated principal reaches the handler,
 * over RFC 6455 and over Hixie-76 alike.
 */
@SpringBootTest(classes = SecureWireTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "cyclone.websocket.handlers.whoami.paths=/secure/whoami", "server.address=127.0.0.1" })
class SecurityWireTest {

	private static final String PATH = "/secure/whoami";

	private static final String ALICE = basic("alice", "secret");

	private static final String WRONG_PASSWORD = basic("alice", "wrong");

	@LocalServerPort
	int port;

	@Test
	void anRfc6455HandshakeWithoutCredentialsIsRefusedWith401() throws Exception {
		try (RawHttp http = new RawHttp(this.port)) {
			http.write(RawHttp.rfc6455Request(PATH, this.port, "http://127.0.0.1:" + this.port));
			String head = http.readHead();
			assertThat(head).startsWith("HTTP/1.1 401")
				.contains("\r\nWWW-Authenticate: Basic")
				.doesNotContainIgnoringCase("Sec-WebSocket-Accept");
		}
	}

	@Test
	void aHixie76HandshakeWithoutCredentialsIsRefusedWith401AndNeverUpgraded() throws Exception {
		try (RawHixie hixie = new RawHixie(this.port)) {
			hixie.write(RawHixie.concat(hixie.head76(PATH).getBytes(StandardCharsets.ISO_8859_1), RawHixie.KEY3));
			String head = hixie.readHead();
			assertThat(head).startsWith("HTTP/1.1 401")
				.contains("\r\nWWW-Authenticate: Basic")
				.doesNotContain("HTTP/1.1 101")
				.doesNotContain("Sec-WebSocket-Location");
			assertThat(restOf(hixie.http())).doesNotContain("HTTP/1.1 101").doesNotContain(RawHixie.ANSWER);
		}
	}

	@Test
	void anRfc6455ClientWithValidBasicCredentialsReachesTheHandlerAsAlice() throws Exception {
		JdkClient client = JdkClient.connect(URI.create("ws://127.0.0.1:" + this.port + PATH),
				Map.of("Authorization", ALICE), List.of());
		try {
			assertThat(client.sendAndReceive("who")).isEqualTo("alice over rfc6455");
		}
		finally {
			client.close();
		}
	}

	@Test
	void aHixie76ClientWithValidBasicCredentialsReachesTheHandlerAsAlice() throws Exception {
		try (RawHixie hixie = new RawHixie(this.port)) {
			hixie.write(hixie.head76(PATH, "Authorization: " + ALICE + "\r\n"));
			hixie.write(RawHixie.KEY3);
			assertThat(hixie.readHead()).startsWith("HTTP/1.1 101");
			assertThat(hixie.readAnswer()).isEqualTo(RawHixie.ANSWER);
			hixie.write(RawHixie.frame("who"));
			assertThat(hixie.readFrame()).isEqualTo("alice over hixie-76");
		}
	}

	@Test
	void anRfc6455ClientWithAWrongPasswordIsRefusedWith401() {
		Throwable thrown = catchThrowable(() -> JdkClient.connect(URI.create("ws://127.0.0.1:" + this.port + PATH),
				Map.of("Authorization", WRONG_PASSWORD), List.of()));
		assertThat(thrown).isInstanceOf(CompletionException.class)
			.cause()
			.isInstanceOfSatisfying(WebSocketHandshakeException.class,
					(ex) -> assertThat(ex.getResponse().statusCode()).isEqualTo(401));
	}

	@Test
	void aHixie76HandshakeWithAWrongPasswordIsRefusedWith401AndNeverUpgraded() throws Exception {
		try (RawHixie hixie = new RawHixie(this.port)) {
			hixie.write(RawHixie.concat(hixie.head76(PATH, "Authorization: " + WRONG_PASSWORD + "\r\n")
				.getBytes(StandardCharsets.ISO_8859_1), RawHixie.KEY3));
			String head = hixie.readHead();
			assertThat(head).startsWith("HTTP/1.1 401")
				.contains("\r\nWWW-Authenticate: Basic")
				.doesNotContain("Sec-WebSocket-Location");
			assertThat(restOf(hixie.http())).doesNotContain("HTTP/1.1 101").doesNotContain(RawHixie.ANSWER);
		}
	}

	/**
	 * Everything the server sends after the head until it closes, or what arrived within
	 * a short wait.
	 */
	private static String restOf(RawHttp http) throws Exception {
		http.socket().setSoTimeout(1_000);
		java.io.ByteArrayOutputStream rest = new java.io.ByteArrayOutputStream();
		byte[] buffer = new byte[4096];
		try {
			for (int n = http.socket().getInputStream().read(buffer); n >= 0; n = http.socket()
				.getInputStream()
				.read(buffer)) {
				rest.write(buffer, 0, n);
			}
		}
		catch (java.net.SocketTimeoutException | java.net.SocketException ex) {
			// nothing more within the wait, or the server reset the connection
		}
		return rest.toString(StandardCharsets.ISO_8859_1);
	}

	private static String basic(String user, String password) {
		return "Basic "
				+ Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.ISO_8859_1));
	}

}
