package dev.cyclone.websocket.wire;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * The location a legacy handshake answers, and its same-origin check, follow the request
 * as the container presents it under {@code server.forward-headers-strategy}, never the
 * forwarded headers of a client the strategy does not trust: no client chooses the
 * location, no header value makes a 500, no credential reaches the log.
 */
@ExtendWith(OutputCaptureExtension.class)
class ForwardedHeadersWireTest {

	/**
	 * What a hostile client sends to choose the location, and credentials that must not
	 * be logged.
	 */
	static final String HOSTILE = "X-Forwarded-Host: evil.example\r\nX-Forwarded-Proto: https\r\n"
			+ "X-Forwarded-Port: x\r\nForwarded: host=evil.example;proto=https\r\nX-Forwarded-Prefix: /evil\r\n"
			+ "Cookie: session=cookie-s3cret\r\nAuthorization: Basic YXV0aC1zM2NyZXQ=\r\n";

	static final String PROXIED = "X-Forwarded-Host: ws.example.com\r\nX-Forwarded-Proto: https\r\n";

	/** The handshake's answer head, from the request head and key3 in one write. */
	static String answer(int port, String path, String... extraHeaders) throws IOException {
		try (RawHixie hixie = new RawHixie(port)) {
			hixie.write(RawHixie.concat(hixie.head76(path, extraHeaders).getBytes(StandardCharsets.ISO_8859_1),
					RawHixie.KEY3));
			return hixie.readHead();
		}
	}

	static String hixie75Answer(int port, String path, String extraHeaders) throws IOException {
		try (RawHixie hixie = new RawHixie(port)) {
			hixie.write(hixie.head75(path).replace("\r\n\r\n", "\r\n" + extraHeaders + "\r\n"));
			return hixie.readHead();
		}
	}

	static void assertNoSecretIn(CapturedOutput output) {
		assertThat(output.getAll()).doesNotContain("s3cret").doesNotContain("YXV0aC1zM2NyZXQ");
	}

	@Nested
	@SpringBootTest(classes = WireTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
	@ActiveProfiles("wire")
	class NoStrategy {

		@LocalServerPort
		int port;

		@Test
		void answersTheLocationTheClientConnectedTo(CapturedOutput output) throws IOException {
			assertThat(answer(this.port, "/echo?a=b", HOSTILE)).startsWith("HTTP/1.1 101")
				.contains("\r\nSec-WebSocket-Location: ws://127.0.0.1:" + this.port + "/echo?a=b\r\n");
			assertThat(hixie75Answer(this.port, "/echo", HOSTILE)).startsWith("HTTP/1.1 101")
				.contains("\r\nWebSocket-Location: ws://127.0.0.1:" + this.port + "/echo\r\n");
			assertNoSecretIn(output);
		}

		@Test
		void checksTheOriginAgainstTheRequestNotItsForwardedHeaders() throws IOException {
			assertThat(answer(this.port, "/echo", HOSTILE, "Origin: https://evil.example\r\n"))
				.startsWith("HTTP/1.1 403");
		}

	}

	@Nested
	@SpringBootTest(classes = WireTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
			properties = { "server.forward-headers-strategy=native",
					"server.tomcat.remoteip.internal-proxies=10\\.9\\.9\\.9" })
	@ActiveProfiles("wire")
	class NativeStrategyWithoutTrustedClient {

		@LocalServerPort
		int port;

		@Autowired
		ApplicationContext context;

		@Test
		void answersTheLocationTheClientConnectedTo(CapturedOutput output) throws IOException {
			assumeThat(ContainerConnections.isTomcat(this.context))
				.as("Jetty's native strategy trusts the forwarded headers of every client")
				.isTrue();
			assertThat(answer(this.port, "/echo", HOSTILE)).startsWith("HTTP/1.1 101")
				.contains("\r\nSec-WebSocket-Location: ws://127.0.0.1:" + this.port + "/echo\r\n");
			assertThat(answer(this.port, "/echo", HOSTILE, "Origin: https://evil.example\r\n"))
				.startsWith("HTTP/1.1 403");
			assertNoSecretIn(output);
		}

	}

	@Nested
	@SpringBootTest(classes = WireTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
			properties = "server.forward-headers-strategy=native")
	@ActiveProfiles("wire")
	class NativeStrategyBehindATrustedProxy {

		@LocalServerPort
		int port;

		@Test
		void answersTheLocationInFrontOfTheProxyAndAcceptsItsOrigin() throws IOException {
			assertThat(answer(this.port, "/echo", PROXIED, "Origin: https://ws.example.com\r\n"))
				.startsWith("HTTP/1.1 101")
				.contains("\r\nSec-WebSocket-Location: wss://ws.example.com/echo\r\n");
		}

	}

	@Nested
	@SpringBootTest(classes = WireTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
			properties = "server.forward-headers-strategy=framework")
	@ActiveProfiles("wire")
	class FrameworkStrategy {

		@LocalServerPort
		int port;

		@Test
		void answersTheLocationSpringsFilterGivesTheRequest() throws IOException {
			assertThat(answer(this.port, "/echo", PROXIED, "Origin: https://ws.example.com\r\n"))
				.startsWith("HTTP/1.1 101")
				.contains("\r\nSec-WebSocket-Location: wss://ws.example.com/echo\r\n");
		}

		@Test
		void neverAnswers500ToABadHeaderValue(CapturedOutput output) throws IOException {
			assertThat(answer(this.port, "/echo", HOSTILE)).doesNotStartWith("HTTP/1.1 500");
			assertNoSecretIn(output);
		}

	}

}
