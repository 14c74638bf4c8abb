package dev.cyclone.websocket.hixie76.servlet;

import org.junit.jupiter.api.Test;

import dev.cyclone.websocket.hixie76.HixieDraft;

import org.springframework.mock.web.MockHttpServletRequest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which requests are legacy handshakes, of which draft, and which bodies they may carry.
 */
class LegacyHandshakeRequestTest {

	@Test
	void recognisesHixie76ByItsKeysAndHixie75WithoutThem() {
		MockHttpServletRequest hixie76 = upgrade("WebSocket", "Upgrade");
		hixie76.addHeader(LegacyHandshakeRequest.KEY1, "1 2");
		assertThat(LegacyHandshakeRequest.draftOf(hixie76)).isEqualTo(HixieDraft.HIXIE_76);
		MockHttpServletRequest onlyKey2 = upgrade("WebSocket", "Upgrade");
		onlyKey2.addHeader(LegacyHandshakeRequest.KEY2, "1 2");
		assertThat(LegacyHandshakeRequest.draftOf(onlyKey2)).isEqualTo(HixieDraft.HIXIE_76);
		assertThat(LegacyHandshakeRequest.draftOf(upgrade("WebSocket", "Upgrade"))).isEqualTo(HixieDraft.HIXIE_75);
	}

	@Test
	void takesHeaderNamesAndValuesInAnyCaseAndConnectionAsAList() {
		assertThat(LegacyHandshakeRequest.draftOf(upgrade("websocket", "keep-alive, UPGRADE")))
			.isEqualTo(HixieDraft.HIXIE_75);
	}

	@Test
	void leavesEverythingElseAlone() {
		MockHttpServletRequest rfc6455 = upgrade("websocket", "Upgrade");
		rfc6455.addHeader("Sec-WebSocket-Version", "13");
		assertThat(LegacyHandshakeRequest.draftOf(rfc6455)).isNull();
		MockHttpServletRequest rfc6455Key = upgrade("websocket", "Upgrade");
		rfc6455Key.addHeader("Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ==");
		assertThat(LegacyHandshakeRequest.draftOf(rfc6455Key)).isNull();
		MockHttpServletRequest post = upgrade("WebSocket", "Upgrade");
		post.setMethod("POST");
		assertThat(LegacyHandshakeRequest.draftOf(post)).isNull();
		assertThat(LegacyHandshakeRequest.draftOf(upgrade("h2c", "Upgrade"))).isNull();
		assertThat(LegacyHandshakeRequest.draftOf(upgrade("WebSocket", "keep-alive"))).isNull();
		assertThat(LegacyHandshakeRequest.draftOf(new MockHttpServletRequest("GET", "/ws"))).isNull();
	}

	@Test
	void allowsNoBodyButKey3() {
		MockHttpServletRequest key3 = upgrade("WebSocket", "Upgrade");
		key3.setContent(new byte[8]);
		assertThat(LegacyHandshakeRequest.invalidBody(key3)).isNull();
		assertThat(LegacyHandshakeRequest.invalidBody(upgrade("WebSocket", "Upgrade"))).isNull();
		MockHttpServletRequest longer = upgrade("WebSocket", "Upgrade");
		longer.setContent(new byte[9]);
		assertThat(LegacyHandshakeRequest.invalidBody(longer))
			.isEqualTo("a body of 9 bytes is not allowed (at most 8: key3)");
		MockHttpServletRequest chunked = upgrade("WebSocket", "Upgrade");
		chunked.addHeader("Transfer-Encoding", "chunked");
		assertThat(LegacyHandshakeRequest.invalidBody(chunked)).isEqualTo("a chunked body is not allowed");
	}

	private static MockHttpServletRequest upgrade(String upgrade, String connection) {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/ws");
		request.addHeader("Upgrade", upgrade);
		request.addHeader("Connection", connection);
		return request;
	}

}
