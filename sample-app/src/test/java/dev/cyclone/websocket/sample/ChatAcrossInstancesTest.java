package dev.cyclone.websocket.sample;

import java.net.URI;
import java.time.Duration;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.cyclone.websocket.cluster.WebSocketCluster;
import dev.cyclone.websocket.support.JdkClient;
import dev.cyclone.websocket.support.RedisServer;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The sample chat on two instances sharing a real Redis, as the README's "Running several
 * instances" shows it: joins, messages and leaves reach the room on both instances.
 */
class ChatAcrossInstancesTest {

	private RedisServer redis;

	private ConfigurableApplicationContext first;

	private ConfigurableApplicationContext second;

	@AfterEach
	void stop() {
		if (this.first != null) {
			this.first.close();
		}
		if (this.second != null) {
			this.second.close();
		}
		if (this.redis != null) {
			this.redis.close();
		}
	}

	@Test
	void twoInstancesShareARoom() throws Exception {
		this.redis = RedisServer.start();
		this.first = start();
		this.second = start();
		await().atMost(Duration.ofSeconds(30))
			.until(() -> cluster(this.first).describe().instances().size() == 2
					&& cluster(this.second).describe().instances().size() == 2);

		JdkClient ann = JdkClient.connect(chat(this.first, "lobby", "ann"));
		assertThat(ann.next()).contains("\"type\":\"join\"", "ann joined");
		// ann's join has reached the second instance (nobody there yet) before bob
		// arrives
		await().atMost(Duration.ofSeconds(30)).until(() -> received(this.second) == 1);
		JdkClient bob = JdkClient.connect(chat(this.second, "lobby", "bob"));
		assertThat(bob.next()).contains("bob joined");
		assertThat(ann.next()).contains("bob joined");
		JdkClient elsewhere = JdkClient.connect(chat(this.second, "attic", "eve"));
		assertThat(elsewhere.next()).contains("eve joined");

		ann.send("hello from the first instance");
		assertThat(bob.next()).contains("\"from\":\"ann\"", "hello from the first instance");
		assertThat(ann.next()).contains("hello from the first instance");
		bob.close();
		assertThat(ann.next()).contains("\"type\":\"leave\"", "bob left");
		assertThat(elsewhere.hasNoMessage()).isTrue();
		ann.close();
		elsewhere.close();
	}

	private static double received(ConfigurableApplicationContext instance) {
		Counter counter = instance.getBean(MeterRegistry.class)
			.find("websocket.cluster.messages")
			.tags("outcome", "received")
			.counter();
		return (counter != null) ? counter.count() : 0;
	}

	private ConfigurableApplicationContext start() {
		// arguments, which win over the sample's application.yml (server.port: 8888)
		return new SpringApplicationBuilder(SampleApplication.class).run("--server.port=0",
				"--server.address=127.0.0.1", "--cyclone.websocket.cluster.enabled=true",
				"--spring.data.redis.host=127.0.0.1", "--spring.data.redis.port=" + this.redis.port(),
				"--cyclone.websocket.cluster.announce-interval=200ms",
				"--cyclone.websocket.cluster.instance-timeout=2s");
	}

	private static URI chat(ConfigurableApplicationContext instance, String room, String name) {
		int port = ((WebServerApplicationContext) instance).getWebServer().getPort();
		return URI.create("ws://127.0.0.1:" + port + "/chat/" + room + "?name=" + name);
	}

	private static WebSocketCluster cluster(ConfigurableApplicationContext instance) {
		return instance.getBean(WebSocketCluster.class);
	}

}
