package dev.cyclone.websocket.wire;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import io.netty.handler.codec.http.websocketx.WebSocketVersion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.cyclone.websocket.CloseReason;
import dev.cyclone.websocket.support.JdkClient;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hixie-76 and Hixie-75 on the paths of the mapped handlers, on a real port: Netty's
 * Hixie-76 client and raw sockets that cut the handshake and the frames every way the
 * draft allows.
 */
@SpringBootTest(classes = WireTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("wire")
@ExtendWith(OutputCaptureExtension.class)
class HixieWireTest {

	@LocalServerPort
	int port;

	@Autowired
	Recorder recorder;

	@Test
	void echoesWithNettysHixie76Client() throws Exception {
		try (NettyClient client = NettyClient.connect(URI.create("ws://127.0.0.1:" + this.port + "/echo"),
				WebSocketVersion.V00, "http://127.0.0.1:" + this.port)) {
			assertThat(client.sendAndReceive("Hello, world")).isEqualTo("You said: Hello, world");
			assertThat(client.sendAndReceive("again")).isEqualTo("You said: again");
		}
	}

	@Test
	void answersTheDraftsExampleHandshakeWithExactHeadersThenEchoes() throws Exception {
		try (RawHixie hixie = new RawHixie(this.port)) {
			hixie
				.write(RawHixie.concat(hixie.head76("/echo?x=1").getBytes(StandardCharsets.ISO_8859_1), RawHixie.KEY3));
			String head = hixie.readHead();
			assertThat(head).startsWith("HTTP/1.1 101")
				.contains("\r\nUpgrade: WebSocket\r\n")
				.contains("\r\nConnection: Upgrade\r\n")
				.contains("\r\nSec-WebSocket-Origin: " + hixie.origin() + "\r\n")
				.contains("\r\nSec-WebSocket-Location: ws://127.0.0.1:" + this.port + "/echo?x=1\r\n")
				.doesNotContain("Sec-WebSocket-Protocol");
			assertThat(hixie.readAnswer()).isEqualTo(RawHixie.ANSWER);
			assertThat(hixie.sendAndReceive("héllo € 𝄞")).isEqualTo("You said: héllo € 𝄞");
		}
	}

	@Test
	void acceptsKey3AsAContentLength8Body() throws Exception {
		try (RawHixie hixie = new RawHixie(this.port)) {
			hixie.write(RawHixie.concat(
					hixie.head76("/echo", "Content-Length: 8\r\n").getBytes(StandardCharsets.ISO_8859_1),
					RawHixie.KEY3));
			assertThat(hixie.readHead()).startsWith("HTTP/1.1 101");
			assertThat(hixie.readAnswer()).isEqualTo(RawHixie.ANSWER);
			assertThat(hixie.sendAndReceive("body")).isEqualTo("You said: body");
		}
	}

	@Test
	void sendsTheHeadBeforeKey3AndAcceptsKey3Later() throws Exception {
		try (RawHixie hixie = new RawHixie(this.port)) {
			hixie.write(hixie.head76("/echo"));
			assertThat(hixie.readHead()).startsWith("HTTP/1.1 101");
			Thread.sleep(300);
			hixie.write(RawHixie.KEY3);
			assertThat(hixie.readAnswer()).isEqualTo(RawHixie.ANSWER);
			assertThat(hixie.sendAndReceive("late")).isEqualTo("You said: late");
		}
	}

	@Test
	void acceptsKey3ByteByByteAndFramesCutAnywhere() throws Exception {
		try (RawHixie hixie = new RawHixie(this.port)) {
			hixie.write(hixie.head76("/echo"));
			assertThat(hixie.readHead()).startsWith("HTTP/1.1 101");
			for (byte b : RawHixie.KEY3) {
				hixie.write(new byte[] { b });
				Thread.sleep(20);
			}
			assertThat(hixie.readAnswer()).isEqualTo(RawHixie.ANSWER);
			byte[] frames = RawHixie.concat(RawHixie.frame("é1"), RawHixie.frame("two"));
			for (byte b : frames) {
				hixie.write(new byte[] { b });
			}
			assertThat(hixie.readFrame()).isEqualTo("You said: é1");
			assertThat(hixie.readFrame()).isEqualTo("You said: two");
		}
	}

	@Test
	void servesHixie75WithItsOwnHeadersAndNoChallenge() throws Exception {
		try (RawHixie hixie = new RawHixie(this.port)) {
			hixie.write(hixie.head75("/info"));
			String head = hixie.readHead();
			assertThat(head).startsWith("HTTP/1.1 101")
				.contains("\r\nWebSocket-Origin: " + hixie.origin() + "\r\n")
				.contains("\r\nWebSocket-Location: ws://127.0.0.1:" + this.port + "/info\r\n")
				.doesNotContain("Sec-WebSocket-Location");
			assertThat(hixie.sendAndReceive("protocol")).isEqualTo("hixie-75");
		}
	}

	@Test
	void answersEachDraftsHeadersWithItsOwnSubprotocolHeader() throws Exception {
		String origin;
		String head75;
		try (RawHixie hixie = new RawHixie(this.port)) {
			origin = hixie.origin();
			hixie.write(hixie.head75("/info?v=75").replace("\r\n\r\n", "\r\nWebSocket-Protocol: v2.chat\r\n\r\n"));
			head75 = hixie.readHead();
			assertThat(hixie.sendAndReceive("subprotocol")).isEqualTo("v2.chat");
		}
		assertThat(headerLines(head75)).contains("Upgrade: WebSocket", "Connection: Upgrade",
				"WebSocket-Origin: " + origin, "WebSocket-Location: ws://127.0.0.1:" + this.port + "/info?v=75",
				"WebSocket-Protocol: v2.chat");
		assertThat(head75).doesNotContain("Sec-WebSocket");
		try (RawHixie hixie = new RawHixie(this.port)) {
			hixie.write(RawHixie.concat(
					hixie.head76("/info", "Sec-WebSocket-Protocol: v2.chat\r\n").getBytes(StandardCharsets.ISO_8859_1),
					RawHixie.KEY3));
			assertThat(headerLines(hixie.readHead())).contains("Upgrade: WebSocket", "Connection: Upgrade",
					"Sec-WebSocket-Origin: " + origin, "Sec-WebSocket-Location: ws://127.0.0.1:" + this.port + "/info",
					"Sec-WebSocket-Protocol: v2.chat");
			assertThat(hixie.readAnswer()).isEqualTo(RawHixie.ANSWER);
		}
	}

	private static List<String> headerLines(String head) {
		return Arrays.asList(head.split("\r\n"));
	}

	@Test
	void showsTheProtocolInterceptorAttributesSubprotocolAndPathVariables() throws Exception {
		try (RawHixie hixie = new RawHixie(this.port)) {
			hixie.write(RawHixie.concat(
					hixie.head76("/info", "Sec-WebSocket-Protocol: v2.chat\r\n").getBytes(StandardCharsets.ISO_8859_1),
					RawHixie.KEY3));
			assertThat(hixie.readHead()).contains("\r\nSec-WebSocket-Protocol: v2.chat\r\n");
			assertThat(hixie.readAnswer()).isEqualTo(RawHixie.ANSWER);
			assertThat(hixie.sendAndReceive("protocol")).isEqualTo("hixie-76");
			assertThat(hixie.sendAndReceive("attribute")).isEqualTo("intercepted");
			assertThat(hixie.sendAndReceive("subprotocol")).isEqualTo("v2.chat");
			assertThat(hixie.sendAndReceive("binary"))
				.endsWith("speaks hixie-76, which has no binary messages; binary messages need RFC 6455");
		}
		try (RawHixie hixie = new RawHixie(this.port).open76("/rooms/attic")) {
			assertThat(hixie.sendAndReceive("up"))
				.isEqualTo("{\"room\":\"attic\",\"text\":\"up\",\"numbers\":[1,2,3]}");
		}
	}

	@Test
	void refusesInvalidOrMissingKeysWith400(CapturedOutput output) throws Exception {
		try (RawHixie hixie = new RawHixie(this.port)) {
			hixie.write("GET /echo HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: WebSocket\r\nConnection: Upgrade\r\n"
					+ "Origin: " + hixie.origin() + "\r\nSec-WebSocket-Key1: 1 2 3 7\r\nSec-WebSocket-Key2: "
					+ RawHixie.KEY2 + "\r\n\r\n");
			assertThat(hixie.readHead()).startsWith("HTTP/1.1 400");
		}
		assertThat(output).contains("Refused hixie-76 handshake to /echo").contains("Sec-WebSocket-Key1 is invalid");
		try (RawHixie hixie = new RawHixie(this.port)) {
			hixie.write("GET /echo HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: WebSocket\r\nConnection: Upgrade\r\n"
					+ "Sec-WebSocket-Key1: " + RawHixie.KEY1 + "\r\n\r\n");
			assertThat(hixie.readHead()).startsWith("HTTP/1.1 400");
		}
		assertThat(output).contains("Sec-WebSocket-Key2 is missing");
	}

	@Test
	void refusesAForeignOriginWith403(CapturedOutput output) throws Exception {
		try (RawHixie hixie = new RawHixie(this.port)) {
			hixie.write(hixie.head76("/echo", "Origin: http://evil.example\r\n"));
			assertThat(hixie.readHead()).startsWith("HTTP/1.1 403");
		}
		assertThat(output).contains("Refused WebSocket handshake from origin 'http://evil.example' to /echo");
	}

	@Test
	void letsTheHandlerForbidTheConnection() throws Exception {
		try (RawHixie hixie = new RawHixie(this.port)) {
			hixie.write(hixie.head76("/guarded?token=nope"));
			assertThat(hixie.readHead()).startsWith("HTTP/1.1 403");
			assertThat(new String(hixie.http().read(25), StandardCharsets.UTF_8))
				.isEqualTo("A valid token is required");
		}
		try (RawHixie hixie = new RawHixie(this.port).open76("/guarded?token=secret")) {
			assertThat(hixie.sendAndReceive("old friend")).isEqualTo("welcome old friend");
		}
	}

	@Test
	void answersTheClientsClosingFrameAndReportsANormalCloseOnce() throws Exception {
		String id;
		try (RawHixie hixie = new RawHixie(this.port).open76("/echo")) {
			id = hixie.sendAndReceive("id");
			hixie.sendClose();
			assertThat(hixie.readFrame()).isEqualTo(RawHixie.CLOSE);
			assertThat(hixie.serverClosed()).isTrue();
		}
		assertThat(this.recorder.awaitLostOnce(id).code()).isEqualTo(1000);
	}

	@Test
	void sendsTheClosingFrameWhenTheHandlerClosesAndReportsItsCodeOnce() throws Exception {
		String id;
		try (RawHixie hixie = new RawHixie(this.port).open76("/echo")) {
			id = hixie.sendAndReceive("id");
			hixie.sendText("close");
			assertThat(hixie.readFrame()).isEqualTo(RawHixie.CLOSE);
			hixie.sendClose();
			assertThat(hixie.serverClosed()).isTrue();
		}
		assertThat(this.recorder.awaitLostOnce(id)).isEqualTo(new CloseReason(4001, "asked to"));
	}

	@Test
	void reportsAnAbruptDropAs1006Once() throws Exception {
		String id;
		RawHixie hixie = new RawHixie(this.port).open76("/echo");
		id = hixie.sendAndReceive("id");
		hixie.http().socket().setSoLinger(true, 0);
		hixie.close();
		assertThat(this.recorder.awaitLostOnce(id).code()).isEqualTo(1006);
	}

	@Test
	void passesA60KbMessageAndClosesOnAFrameOverTheLimit(CapturedOutput output) throws Exception {
		try (RawHixie hixie = new RawHixie(this.port).open76("/echo")) {
			String big = "x".repeat(60_000);
			assertThat(hixie.sendAndReceive(big)).isEqualTo("You said: " + big);
			String id = hixie.sendAndReceive("id");
			byte[] oversized = new byte[70_000];
			java.util.Arrays.fill(oversized, (byte) 'y');
			hixie.write(RawHixie.concat(new byte[] { 0x00 }, oversized));
			assertThat(hixie.readFrame()).isEqualTo(RawHixie.CLOSE);
			assertThat(this.recorder.awaitLostOnce(id).code()).isEqualTo(1009);
		}
		assertThat(output).contains("exceeds the maximum of 65536 bytes");
	}

	@Test
	void closesAConnectionWhoseKey3NeverComes(CapturedOutput output) throws Exception {
		int made = this.recorder.made.size();
		try (RawHixie hixie = new RawHixie(this.port)) {
			hixie.write(hixie.head76("/echo"));
			assertThat(hixie.readHead()).startsWith("HTTP/1.1 101");
			assertThat(hixie.readFrame()).isEqualTo(RawHixie.CLOSE);
			hixie.sendClose();
			assertThat(hixie.serverClosed()).isTrue();
		}
		assertThat(output).contains("key3 did not arrive within the handshake timeout of PT1S");
		assertThat(this.recorder.made).hasSize(made);
	}

	@Test
	void servesRfc6455AndHixie76ClientsOfOneHandlerAtTheSameTime() throws Exception {
		JdkClient modern = JdkClient.connect(URI.create("ws://127.0.0.1:" + this.port + "/echo"));
		try (RawHixie legacy = new RawHixie(this.port).open76("/echo")) {
			for (int i = 0; i < 20; i++) {
				modern.send("modern " + i);
				legacy.sendText("legacy " + i);
				assertThat(legacy.readFrame()).isEqualTo("You said: legacy " + i);
				assertThat(modern.next()).isEqualTo("You said: modern " + i);
			}
		}
		modern.close();
	}

	@Test
	void leavesLegacyHandshakesToHandlersThatSwitchedTheDraftsOff() throws Exception {
		try (RawHixie hixie = new RawHixie(this.port)) {
			hixie.write(RawHixie.concat(hixie.head76("/modern").getBytes(StandardCharsets.ISO_8859_1), RawHixie.KEY3));
			assertThat(hixie.readHead()).startsWith("HTTP/1.1 400");
		}
		JdkClient modern = JdkClient.connect(URI.create("ws://127.0.0.1:" + this.port + "/modern"));
		assertThat(modern.sendAndReceive("still")).isEqualTo("You said: still");
		modern.close();
	}

}
