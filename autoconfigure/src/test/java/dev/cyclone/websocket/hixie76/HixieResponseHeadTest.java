package dev.cyclone.websocket.hixie76;

import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The answer heads of both drafts, byte for byte as the drafts' own examples write them
 * (draft-hixie-75 section 4.1, draft-hixie-76 section 1.2).
 */
class HixieResponseHeadTest {

	@Test
	void writesTheHixie75ExampleHead() {
		HixieResponseHead head = HixieResponseHead.of(HixieDraft.HIXIE_75, "http://example.com",
				"ws://example.com/demo", "sample");
		assertThat(render(head)).isEqualTo("""
				HTTP/1.1 101 Web Socket Protocol Handshake\r
				Upgrade: WebSocket\r
				Connection: Upgrade\r
				WebSocket-Origin: http://example.com\r
				WebSocket-Location: ws://example.com/demo\r
				WebSocket-Protocol: sample\r
				\r
				""");
	}

	@Test
	void writesTheHixie76ExampleHead() {
		HixieResponseHead head = HixieResponseHead.of(HixieDraft.HIXIE_76, "http://example.com",
				"ws://example.com/demo", "sample");
		assertThat(render(head)).isEqualTo("""
				HTTP/1.1 101 WebSocket Protocol Handshake\r
				Upgrade: WebSocket\r
				Connection: Upgrade\r
				Sec-WebSocket-Origin: http://example.com\r
				Sec-WebSocket-Location: ws://example.com/demo\r
				Sec-WebSocket-Protocol: sample\r
				\r
				""");
	}

	@Test
	void leavesOutTheOriginAndTheSubprotocolWhenThereAreNone() {
		HixieResponseHead head = HixieResponseHead.of(HixieDraft.HIXIE_76, null, "wss://example.com:8443/a?b=c", null);
		assertThat(head.status()).isEqualTo(101);
		assertThat(head.headers()).containsExactly(Map.entry("Upgrade", "WebSocket"),
				Map.entry("Connection", "Upgrade"),
				Map.entry("Sec-WebSocket-Location", "wss://example.com:8443/a?b=c"));
	}

	private static String render(HixieResponseHead head) {
		return "HTTP/1.1 " + head.status() + " " + head.reasonPhrase() + "\r\n"
				+ head.headers()
					.stream()
					.map((header) -> header.getKey() + ": " + header.getValue() + "\r\n")
					.collect(Collectors.joining())
				+ "\r\n";
	}

}
