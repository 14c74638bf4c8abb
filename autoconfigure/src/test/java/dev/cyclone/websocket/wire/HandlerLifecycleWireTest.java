package dev.cyclone.websocket.wire;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.annotation.PreDestroy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.cyclone.websocket.WebSocketHandler;
import dev.cyclone.websocket.support.JdkClient;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Each connection's handler instance is destroyed once its connection is over, on every
 * protocol, whichever way its bean declares it: {@code @PreDestroy},
 * {@code DisposableBean}, or a {@code @Bean} method's {@code destroyMethod}; an instance
 * whose handshake it refused is destroyed too. Exactly once each.
 */
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(classes = { WireTestApplication.class, HandlerLifecycleWireTest.Handlers.class },
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "cyclone.websocket.handlers.annotated.paths=/annotated",
				"cyclone.websocket.handlers.disposable.paths=/disposable",
				"cyclone.websocket.handlers.declared.paths=/declared",
				"cyclone.websocket.handlers.aliasOfAnnotated.paths=/aliased" })
@ActiveProfiles("wire")
class HandlerLifecycleWireTest {

	@LocalServerPort
	int port;

	@Autowired
	Destroyed destroyed;

	@Test
	void destroysTheInstancesOfHandshakesThatFailAndOfHandlersMappedByAlias(CapturedOutput output) throws Exception {
		int before = this.destroyed.names.size();
		try (RawHttp wrongVersion = new RawHttp(this.port)) {
			wrongVersion.write(RawHttp.rfc6455Request("/annotated", this.port, null)
				.replace("Sec-WebSocket-Version: 13", "Sec-WebSocket-Version: 12"));
			assertThat(wrongVersion.readHead()).doesNotStartWith("HTTP/1.1 101");
		}
		JdkClient.connect(URI.create("ws://127.0.0.1:" + this.port + "/aliased")).close();
		await().atMost(Duration.ofSeconds(10)).until(() -> this.destroyed.names.size() >= before + 2);
		await().during(Duration.ofMillis(300))
			.atMost(Duration.ofSeconds(2))
			.until(() -> this.destroyed.names.size() == before + 2);
		assertThat(output).doesNotContain("Custom destroy method").doesNotContain("Destroying an instance");
	}

	@Test
	void destroysEveryConnectionsInstanceOnceOnEveryProtocol() throws Exception {
		this.destroyed.names.clear();
		for (String path : new String[] { "/annotated", "/disposable", "/declared" }) {
			for (int i = 0; i < 3; i++) {
				JdkClient.connect(URI.create("ws://127.0.0.1:" + this.port + path)).close();
			}
			try (RawHixie hixie = new RawHixie(this.port).open76(path)) {
				hixie.sendClose();
				assertThat(hixie.readFrame()).isEqualTo(RawHixie.CLOSE);
			}
			try (RawHixie refused = new RawHixie(this.port)) {
				refused.write(refused.head75(path + "?refuse=yes"));
				assertThat(refused.readHead()).startsWith("HTTP/1.1 403");
			}
		}
		await().atMost(Duration.ofSeconds(10)).until(() -> this.destroyed.names.size() >= 15);
		await().during(Duration.ofMillis(500))
			.atMost(Duration.ofSeconds(2))
			.until(() -> this.destroyed.names.size() == 15);
		assertThat(this.destroyed.names).filteredOn("annotated"::equals).hasSize(5);
		assertThat(this.destroyed.names).filteredOn("disposable"::equals).hasSize(5);
		assertThat(this.destroyed.names).filteredOn("declared"::equals).hasSize(5);
	}

	/** Records the instances destroyed. */
	static final class Destroyed {

		final List<String> names = new CopyOnWriteArrayList<>();

	}

	/** Refuses handshakes with {@code ?refuse=yes}. */
	abstract static class Refusing extends WebSocketHandler {

		final Destroyed destroyed;

		Refusing(Destroyed destroyed) {
			this.destroyed = destroyed;
		}

		@Override
		protected void headersReceived() {
			if ("yes".equals(request().queryParameter("refuse"))) {
				forbidConnection("refused");
			}
		}

	}

	static final class Annotated extends Refusing {

		Annotated(Destroyed destroyed) {
			super(destroyed);
		}

		@PreDestroy
		void destroy() {
			this.destroyed.names.add("annotated");
		}

	}

	static final class Disposable extends Refusing implements DisposableBean {

		Disposable(Destroyed destroyed) {
			super(destroyed);
		}

		@Override
		public void destroy() {
			this.destroyed.names.add("disposable");
		}

	}

	static final class Declared extends Refusing {

		Declared(Destroyed destroyed) {
			super(destroyed);
		}

		void release() {
			this.destroyed.names.add("declared");
		}

	}

	@TestConfiguration(proxyBeanMethods = false)
	static class Handlers {

		@Bean
		Destroyed destroyed() {
			return new Destroyed();
		}

		@Bean(name = { "annotated", "aliasOfAnnotated" })
		Annotated annotated(Destroyed destroyed) {
			return new Annotated(destroyed);
		}

		@Bean
		Disposable disposable(Destroyed destroyed) {
			return new Disposable(destroyed);
		}

		@Bean(destroyMethod = "release")
		Declared declared(Destroyed destroyed) {
			return new Declared(destroyed);
		}

	}

}
