package dev.cyclone.websocket.internal;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class CompactHeadersTest {

	private final HttpHeaders request = new HttpHeaders();

	CompactHeadersTest() {
		this.request.add("Host", "example.com");
		this.request.add("Cookie", "a=1");
		this.request.add("cookie", "b=2");
		this.request.add("X-Custom", "one");
	}

	@Test
	void findsHeadersWhateverTheCase() {
		CompactHeaders headers = CompactHeaders.copyOf(this.request);
		assertThat(headers.getFirst("HOST")).isEqualTo("example.com");
		assertThat(headers.get("COOKIE")).containsExactly("a=1", "b=2");
		assertThat(headers.getOrEmpty("x-custom")).containsExactly("one");
		assertThat(headers.containsHeader("x-CUSTOM")).isTrue();
		assertThat(headers.getFirst("Origin")).isNull();
		assertThat(headers.get("Origin")).isNull();
		assertThat(headers.getOrEmpty("Origin")).isEmpty();
	}

	@Test
	void listsEveryHeaderOnceInRequestOrder() {
		CompactHeaders headers = CompactHeaders.copyOf(this.request);
		assertThat(headers.headerNames()).containsExactly("Host", "Cookie", "X-Custom");
		assertThat(headers.toSingleValueMap()).containsExactly(Map.entry("Host", "example.com"),
				Map.entry("Cookie", "a=1"), Map.entry("X-Custom", "one"));
		assertThat(headers).isEqualTo(HttpHeaders.readOnlyHttpHeaders(this.request));
	}

	@Test
	void isACopy() {
		CompactHeaders headers = CompactHeaders.copyOf(this.request);
		this.request.set("Host", "changed.example");
		assertThat(headers.getFirst("Host")).isEqualTo("example.com");
		assertThat(CompactHeaders.copyOf(headers)).isSameAs(headers);
	}

	@Test
	void sharesTheUsualNamesAndTheValues() {
		HttpHeaders other = new HttpHeaders();
		other.add(new String("Host".toCharArray()), "x");
		String value = this.request.getFirst("X-Custom");
		CompactHeaders first = CompactHeaders.copyOf(this.request);
		CompactHeaders second = CompactHeaders.copyOf(other);
		assertThat(first.headerNames().iterator().next()).isSameAs(second.headerNames().iterator().next());
		assertThat(first.getFirst("X-Custom")).isSameAs(value);
	}

	@Test
	void isReadOnly() {
		CompactHeaders headers = CompactHeaders.copyOf(this.request);
		assertThatExceptionOfType(UnsupportedOperationException.class).isThrownBy(() -> headers.add("A", "b"));
		assertThatExceptionOfType(UnsupportedOperationException.class).isThrownBy(() -> headers.set("Host", "b"));
		assertThatExceptionOfType(UnsupportedOperationException.class).isThrownBy(() -> headers.remove("Host"));
		assertThatExceptionOfType(UnsupportedOperationException.class).isThrownBy(() -> headers.put("A", List.of("b")));
		assertThatExceptionOfType(UnsupportedOperationException.class).isThrownBy(headers::clear);
		assertThat(headers.getFirst("Host")).isEqualTo("example.com");
	}

}
