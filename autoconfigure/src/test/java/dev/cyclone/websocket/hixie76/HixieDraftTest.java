package dev.cyclone.websocket.hixie76;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class HixieDraftTest {

	@Test
	void hixie75UsesUnprefixedResponseHeaders() {
		assertThat(HixieDraft.HIXIE_75.protocolName()).isEqualTo("hixie-75");
		assertThat(HixieDraft.HIXIE_75.originHeader()).isEqualTo("WebSocket-Origin");
		assertThat(HixieDraft.HIXIE_75.locationHeader()).isEqualTo("WebSocket-Location");
		assertThat(HixieDraft.HIXIE_75.protocolHeader()).isEqualTo("WebSocket-Protocol");
	}

	@Test
	void hixie76UsesSecPrefixedResponseHeaders() {
		assertThat(HixieDraft.HIXIE_76.protocolName()).isEqualTo("hixie-76");
		assertThat(HixieDraft.HIXIE_76.originHeader()).isEqualTo("Sec-WebSocket-Origin");
		assertThat(HixieDraft.HIXIE_76.locationHeader()).isEqualTo("Sec-WebSocket-Location");
		assertThat(HixieDraft.HIXIE_76.protocolHeader()).isEqualTo("Sec-WebSocket-Protocol");
	}

}
