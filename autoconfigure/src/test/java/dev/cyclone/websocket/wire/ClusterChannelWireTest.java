package dev.cyclone.websocket.wire;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.cyclone.websocket.ConnectionSelector;
import dev.cyclone.websocket.WebSocketConnections;
import dev.cyclone.websocket.cluster.ClusterDescription;
import dev.cyclone.websocket.support.JdkClient;
import dev.cyclone.websocket.support.RedisServer;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import static dev.cyclone.websocket.wire.ClusterTestApplication.cluster;
import static dev.cyclone.websocket.wire.ClusterTestApplication.clusterMessages;
import static dev.cyclone.websocket.wire.ClusterTestApplication.port;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What else arrives on the cluster's channel: foreign, malformed, unknown-version and
 * oversized messages are dropped, counted and logged by cause without stopping the
 * listener; instances join, leave with a goodbye and time out of the view, which the
 * {@code websockets} endpoint shows.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(OutputCaptureExtension.class)
class ClusterChannelWireTest {

	private static final String CHANNEL = "cyclone-websocket:cluster-test";

	private RedisServer redis;

	private ConfigurableApplicationContext instance;

	private JdkClient client;

	@BeforeAll
	void start() throws Exception {
		this.redis = RedisServer.start();
		this.instance = ClusterTestApplication.start(this.redis, "cyclone.websocket.cluster.instance-timeout=2s",
				"cyclone.websocket.cluster.max-message-size=2KB");
		await().atMost(Duration.ofSeconds(30)).until(() -> cluster(this.instance).isConnected());
		this.client = JdkClient.connect(URI.create("ws://127.0.0.1:" + port(this.instance) + "/chat/hall"));
		this.client.sendAndReceive("id");
	}

	@AfterAll
	void stop() {
		this.client.close();
		this.instance.close();
		this.redis.close();
	}

	@Test
	void messagesItCannotUseAreDroppedCountedAndLoggedByCause(CapturedOutput output) throws Exception {
		publish("hello, not JSON");
		publish("{\"event\":\"someone else's\"}");
		publish("{\"cyclone-websocket\":1,\"instance\":\"x\",\"type\":\"broadcast\"}");
		publish("{\"cyclone-websocket\":1,\"instance\":\"x\",\"type\":\"broadcast\",\"selector\":{},\"text\":7}");
		publish("{\"cyclone-websocket\":1,\"instance\":\"x\",\"ty");
		publish("{\"cyclone-websocket\":2,\"instance\":\"x\",\"type\":\"broadcast\",\"selector\":{},\"text\":\"v2\"}");
		publish("{\"cyclone-websocket\":1,\"instance\":\"x\",\"type\":\"broadcast\",\"queuedAt\":1,\"selector\":{},"
				+ "\"text\":\"from 1970\"}");
		publish("{\"cyclone-websocket\":1,\"instance\":\"x\",\"type\":\"broadcast\",\"selector\":{},\"text\":\""
				+ "x".repeat(3000) + "\"}");
		publish("{\"cyclone-websocket\":1,\"instance\":\"x\",\"type\":\"broadcast\",\"queuedAt\":"
				+ System.currentTimeMillis() + ",\"selector\":{\"path\":\"/chat/hall\"},"
				+ "\"text\":\"from a foreign instance id\"}");

		assertThat(this.client.next()).isEqualTo("from a foreign instance id");
		assertThat(dropped("not-ours")).isEqualTo(2);
		assertThat(dropped("malformed")).isEqualTo(3);
		assertThat(dropped("unknown-version")).isEqualTo(1);
		assertThat(dropped("oversized")).isEqualTo(1);
		assertThat(dropped("stale")).isEqualTo(1);
		List<String> lines = output.getOut().lines().filter((line) -> line.contains("Dropped a message on")).toList();
		assertThat(lines).hasSize(5);
		assertThat(String.join("\n", lines)).contains("(not-ours)", "(malformed)", "(unknown-version)", "(oversized)",
				"(stale)");
		assertThat(this.client.hasNoMessage()).isTrue();
	}

	@Test
	void aBroadcastTooLargeToPublishStillReachesThisInstancesConnections() throws Exception {
		String large = "y".repeat(3000);
		assertThat(connections().broadcast(large, ConnectionSelector.path("/chat/hall"))).isOne();
		assertThat(this.client.next()).isEqualTo(large);
		assertThat(count("failed", "oversized")).isEqualTo(1);
	}

	@Test
	void instancesJoinLeaveAndTimeOutOfTheView() throws Exception {
		announce("fake-silent", "silent:1", "{\"chat\":4}");
		announce("fake-leaving", "leaving:1", "{\"chat\":2}");
		await().atMost(Duration.ofSeconds(10)).until(() -> names().containsAll(List.of("silent:1", "leaving:1")));
		assertThat(cluster(this.instance).describe().connectionsByHandler().get("chat")).isEqualTo(7);

		announce("fake-silent", "silent:1", "{\"chat\":4}");
		publish("{\"cyclone-websocket\":1,\"instance\":\"fake-leaving\",\"type\":\"goodbye\"}");
		await().atMost(Duration.ofSeconds(10)).until(() -> !names().contains("leaving:1"));
		assertThat(names()).contains("silent:1");

		ConfigurableApplicationContext joining = ClusterTestApplication.start(this.redis);
		try {
			String joiningName = cluster(joining).describe().instances().get(0).name();
			await().atMost(Duration.ofSeconds(10)).until(() -> names().contains(joiningName));
			String endpoint = HttpClient.newHttpClient()
				.send(HttpRequest
					.newBuilder(URI.create("http://127.0.0.1:" + port(this.instance) + "/actuator/websockets"))
					.build(), HttpResponse.BodyHandlers.ofString())
				.body();
			assertThat(endpoint).contains("\"cluster\"", "\"channel\":\"" + CHANNEL + "\"", joiningName);
			joining.close();
			await().atMost(Duration.ofSeconds(10)).until(() -> !names().contains(joiningName));
		}
		finally {
			joining.close();
		}
		await().atMost(Duration.ofSeconds(10)).until(() -> !names().contains("silent:1"));
	}

	private void announce(String id, String name, String connections) throws Exception {
		publish("{\"cyclone-websocket\":1,\"instance\":\"" + id + "\",\"type\":\"announce\",\"name\":\"" + name
				+ "\",\"connections\":" + connections + "}");
	}

	private List<String> names() {
		return cluster(this.instance).describe()
			.instances()
			.stream()
			.map(ClusterDescription.InstanceDescription::name)
			.toList();
	}

	private void publish(String message) throws Exception {
		assertThat(this.redis.publish(CHANNEL, message.getBytes(StandardCharsets.UTF_8))).isEqualTo(":1");
	}

	private double dropped(String cause) {
		return count("dropped", cause);
	}

	private WebSocketConnections connections() {
		return ClusterTestApplication.connections(this.instance);
	}

	private double count(String outcome, String cause) {
		return clusterMessages(this.instance, outcome, cause);
	}

}
