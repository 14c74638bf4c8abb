package dev.cyclone.websocket.handshake;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.mock.web.MockHttpServletRequest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which origins may connect: same origin and no origin always; others only as configured.
 */
class OriginPolicyTest {

	private final OriginPolicy sameOriginOnly = new OriginPolicy(List.of(), List.of());

	@Test
	void admitsRequestsWithoutOriginAndFromTheSameOrigin() {
		assertThat(this.sameOriginOnly.allows(request(null))).isTrue();
		assertThat(this.sameOriginOnly.allows(request("http://app.example:8080"))).isTrue();
	}

	@Test
	void refusesOtherOriginsByDefault() {
		assertThat(this.sameOriginOnly.allows(request("http://evil.example"))).isFalse();
		assertThat(this.sameOriginOnly.allows(request("https://app.example:8080"))).isFalse();
		assertThat(this.sameOriginOnly.allows(request("http://app.example:8081"))).isFalse();
		assertThat(this.sameOriginOnly.allows(request("null"))).isFalse();
		assertThat(this.sameOriginOnly).hasToString("same origin only");
	}

	@Test
	void admitsConfiguredOriginsPatternsAndNull() {
		OriginPolicy policy = new OriginPolicy(List.of("https://tv.example", "null"),
				List.of("https://*.partner.example"));
		assertThat(policy.allows(request("https://tv.example"))).isTrue();
		assertThat(policy.allows(request("null"))).isTrue();
		assertThat(policy.allows(request("https://shop.partner.example"))).isTrue();
		assertThat(policy.allows(request("http://shop.partner.example"))).isFalse();
		assertThat(policy.allows(request("https://tv.example.evil"))).isFalse();
	}

	@Test
	void admitsEveryOriginWithAStar() {
		assertThat(new OriginPolicy(List.of("*"), List.of()).allows(request("http://anyone.example"))).isTrue();
	}

	private static ServletServerHttpRequest request(String origin) {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/ws");
		request.setServerName("app.example");
		request.setServerPort(8080);
		if (origin != null) {
			request.addHeader("Origin", origin);
		}
		return new ServletServerHttpRequest(request);
	}

}
