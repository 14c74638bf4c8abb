package dev.cyclone.websocket.wire;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.cyclone.websocket.support.JdkClient;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.handler.MappedInterceptor;
import org.springframework.web.util.ServletRequestPathUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An application's MVC interceptor (an API-key check, as a {@link MappedInterceptor}
 * bean) guards its WebSocket path on every protocol, as {@code DispatcherServlet} runs
 * it: a {@code false} from {@code preHandle} refuses the handshake with what the
 * interceptor wrote and the handler never runs; an accepted handshake runs
 * {@code preHandle} once, then {@code postHandle} and {@code afterCompletion}, in
 * DispatcherServlet's order, with the parsed request path in place; what an interceptor
 * throws is resolved by the application's exception resolvers.
 */
@SpringBootTest(classes = { WireTestApplication.class, InterceptorWireTest.ApiKeyConfiguration.class },
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "cyclone.websocket.handlers.echo.paths=/echo,/vetted")
@ActiveProfiles("wire")
class InterceptorWireTest {

	private static final String KEY_HEADER = "X-Api-Key: secret\r\n";

	/**
	 * The calls of an accepted handshake, as DispatcherServlet makes them: the path
	 * recorder is first.
	 */
	private static final String[] ACCEPTED = { "path preHandle /vetted", "preHandle true", "postHandle",
			"path postHandle", "afterCompletion null", "path afterCompletion null" };

	/**
	 * The calls when the key check throws: the exception is resolved (429), and the path
	 * recorder completes.
	 */
	private static final String[] THROWN = { "path preHandle /vetted", "path afterCompletion null" };

	/**
	 * The calls of a handshake the key check refuses: only interceptors that passed
	 * complete.
	 */
	private static final String[] REFUSED = { "path preHandle /vetted", "preHandle false",
			"path afterCompletion null" };

	@LocalServerPort
	int port;

	@Autowired
	Recorder recorder;

	@Autowired
	ApiKeyInterceptor interceptor;

	@BeforeEach
	void forgetCalls() {
		this.interceptor.calls.clear();
	}

	@Test
	void refusesRfc6455WithoutTheKeyWithTheInterceptorsAnswer() throws Exception {
		try (RawHttp http = new RawHttp(this.port)) {
			http.write(RawHttp.rfc6455Request("/vetted", this.port, null));
			assertThat(http.readHead()).startsWith("HTTP/1.1 401");
		}
		assertThat(this.interceptor.calls).containsExactly(REFUSED);
	}

	@Test
	void runsThePreHandleOfAnAcceptedRfc6455HandshakeOnce() {
		JdkClient client = JdkClient.connect(URI.create("ws://127.0.0.1:" + this.port + "/vetted"),
				Map.of("X-Api-Key", "secret"), List.of());
		try {
			assertThat(client.sendAndReceive("hi")).isEqualTo("You said: hi");
		}
		catch (InterruptedException ex) {
			throw new AssertionError(ex);
		}
		finally {
			client.close();
		}
		await().atMost(Duration.ofSeconds(5)).until(() -> this.interceptor.calls.size() >= ACCEPTED.length);
		assertThat(this.interceptor.calls).containsExactly(ACCEPTED);
	}

	@Test
	void runsThePreHandleOfAHandshakeThatOffersCompressionOnce() throws Exception {
		try (RawHttp http = new RawHttp(this.port)) {
			http.write(RawHttp.rfc6455Request("/vetted", this.port, null)
				.replace("\r\n\r\n", "\r\nSec-WebSocket-Extensions: permessage-deflate\r\n" + KEY_HEADER + "\r\n"));
			assertThat(http.readHead()).startsWith("HTTP/1.1 101").doesNotContain("permessage-deflate");
		}
		await().atMost(Duration.ofSeconds(5)).until(() -> this.interceptor.calls.size() >= ACCEPTED.length);
		assertThat(this.interceptor.calls).containsExactly(ACCEPTED);
	}

	@Test
	void refusesHixie76WithoutTheKeyBeforeTheHandlerRuns() throws Exception {
		int made = this.recorder.made.size();
		try (RawHixie hixie = new RawHixie(this.port)) {
			hixie.write(RawHixie.concat(hixie.head76("/vetted").getBytes(StandardCharsets.ISO_8859_1), RawHixie.KEY3));
			String head = hixie.readHead();
			assertThat(head).startsWith("HTTP/1.1 401");
		}
		assertThat(this.interceptor.calls).containsExactly(REFUSED);
		assertThat(this.recorder.made).hasSize(made);
	}

	@Test
	void refusesHixie75WithoutTheKeyBeforeTheHandlerRuns() throws Exception {
		int made = this.recorder.made.size();
		try (RawHixie hixie = new RawHixie(this.port)) {
			hixie.write(hixie.head75("/vetted"));
			assertThat(hixie.readHead()).startsWith("HTTP/1.1 401");
		}
		assertThat(this.interceptor.calls).containsExactly(REFUSED);
		assertThat(this.recorder.made).hasSize(made);
	}

	@Test
	void runsEveryCallbackOfAnAcceptedHixie76HandshakeOnce() throws Exception {
		try (RawHixie hixie = new RawHixie(this.port)) {
			hixie.write(RawHixie.concat(hixie.head76("/vetted", KEY_HEADER).getBytes(StandardCharsets.ISO_8859_1),
					RawHixie.KEY3));
			assertThat(hixie.readHead()).startsWith("HTTP/1.1 101");
			assertThat(hixie.readAnswer()).isEqualTo(RawHixie.ANSWER);
			assertThat(hixie.sendAndReceive("hi")).isEqualTo("You said: hi");
		}
		assertThat(this.interceptor.calls).containsExactly(ACCEPTED);
	}

	@Test
	void runsEveryCallbackOfAHixie76HandshakeWhoseKey3IsABodyOnce() throws Exception {
		try (RawHixie hixie = new RawHixie(this.port)) {
			hixie.write(hixie.head76("/vetted", KEY_HEADER, "Content-Length: 8\r\n"));
			Thread.sleep(100);
			hixie.write(RawHixie.KEY3);
			assertThat(hixie.readHead()).startsWith("HTTP/1.1 101");
			assertThat(hixie.readAnswer()).isEqualTo(RawHixie.ANSWER);
			assertThat(hixie.sendAndReceive("hi")).isEqualTo("You said: hi");
		}
		await().atMost(Duration.ofSeconds(5)).until(() -> this.interceptor.calls.size() >= ACCEPTED.length);
		assertThat(this.interceptor.calls).containsExactly(ACCEPTED);
	}

	@Test
	void runsEveryCallbackOfAnAcceptedHixie75HandshakeOnce() throws Exception {
		try (RawHixie hixie = new RawHixie(this.port)) {
			hixie.write(hixie.head75("/vetted").replace("\r\n\r\n", "\r\n" + KEY_HEADER + "\r\n"));
			assertThat(hixie.readHead()).startsWith("HTTP/1.1 101");
			assertThat(hixie.sendAndReceive("hi")).isEqualTo("You said: hi");
		}
		assertThat(this.interceptor.calls).containsExactly(ACCEPTED);
	}

	@Test
	void resolvesWhatAnInterceptorThrowsOnEveryProtocol() throws Exception {
		try (RawHttp http = new RawHttp(this.port)) {
			http.write(RawHttp.rfc6455Request("/vetted", this.port, null)
				.replace("\r\n\r\n", "\r\nX-Api-Key: throw\r\n\r\n"));
			assertThat(http.readHead()).startsWith("HTTP/1.1 429");
		}
		assertThat(this.interceptor.calls).containsExactly(THROWN);
		this.interceptor.calls.clear();
		try (RawHixie hixie = new RawHixie(this.port)) {
			hixie.write(hixie.head75("/vetted").replace("\r\n\r\n", "\r\nX-Api-Key: throw\r\n\r\n"));
			assertThat(hixie.readHead()).startsWith("HTTP/1.1 429");
		}
		assertThat(this.interceptor.calls).containsExactly(THROWN);
	}

	@Test
	void leavesOtherPathsAlone() throws IOException {
		try (RawHixie hixie = new RawHixie(this.port).open76("/echo")) {
			assertThat(hixie.sendAndReceive("free")).isEqualTo("You said: free");
		}
		assertThat(this.interceptor.calls).isEmpty();
	}

	/**
	 * Refuses requests without the API key with 401, throws for {@code X-Api-Key: throw},
	 * and records each call.
	 */
	static final class ApiKeyInterceptor implements HandlerInterceptor {

		final List<String> calls = new CopyOnWriteArrayList<>();

		@Override
		public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
				throws IOException {
			if ("throw".equals(request.getHeader("X-Api-Key"))) {
				throw new ResponseStatusException(HttpStatus.TOO_MANY_REQUESTS, "slow down");
			}
			boolean allowed = "secret".equals(request.getHeader("X-Api-Key"));
			this.calls.add("preHandle " + allowed);
			if (!allowed) {
				response.sendError(HttpServletResponse.SC_UNAUTHORIZED, "API key required");
			}
			return allowed;
		}

		@Override
		public void postHandle(HttpServletRequest request, HttpServletResponse response, Object handler,
				org.springframework.web.servlet.@Nullable ModelAndView modelAndView) {
			this.calls.add("postHandle");
		}

		@Override
		public void afterCompletion(HttpServletRequest request, HttpServletResponse response, Object handler,
				@Nullable Exception ex) {
			this.calls.add("afterCompletion " + ex);
		}

	}

	/**
	 * Records the parsed request path, which interceptors may read as under
	 * {@code DispatcherServlet}.
	 */
	record PathRecorder(List<String> calls) implements HandlerInterceptor {

		@Override
		public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
			this.calls.add("path preHandle "
					+ ServletRequestPathUtils.getParsedRequestPath(request).pathWithinApplication().value());
			return true;
		}

		@Override
		public void postHandle(HttpServletRequest request, HttpServletResponse response, Object handler,
				org.springframework.web.servlet.@Nullable ModelAndView modelAndView) {
			this.calls.add("path postHandle");
		}

		@Override
		public void afterCompletion(HttpServletRequest request, HttpServletResponse response, Object handler,
				@Nullable Exception ex) {
			this.calls.add("path afterCompletion " + ex);
		}

	}

	@TestConfiguration(proxyBeanMethods = false)
	static class ApiKeyConfiguration {

		@Bean
		ApiKeyInterceptor apiKeyInterceptor() {
			return new ApiKeyInterceptor();
		}

		@Bean
		@Order(1)
		MappedInterceptor pathRecording(ApiKeyInterceptor apiKeyInterceptor) {
			return new MappedInterceptor(new String[] { "/vetted" }, new PathRecorder(apiKeyInterceptor.calls));
		}

		@Bean
		@Order(2)
		MappedInterceptor apiKeyCheck(ApiKeyInterceptor apiKeyInterceptor) {
			return new MappedInterceptor(new String[] { "/vetted" }, apiKeyInterceptor);
		}

	}

}
