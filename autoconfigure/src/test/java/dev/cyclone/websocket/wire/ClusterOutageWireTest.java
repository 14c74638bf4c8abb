package dev.cyclone.websocket.wire;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.json.JsonMapper;

import dev.cyclone.websocket.ConnectionSelector;
import dev.cyclone.websocket.cluster.WebSocketClusterHealthIndicator;
import dev.cyclone.websocket.support.JdkClient;
import dev.cyclone.websocket.support.RedisServer;

import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import static dev.cyclone.websocket.wire.ClusterTestApplication.cluster;
import static dev.cyclone.websocket.wire.ClusterTestApplication.clusterMessages;
import static dev.cyclone.websocket.wire.ClusterTestApplication.connections;
import static dev.cyclone.websocket.wire.ClusterTestApplication.port;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Bad days for the cluster, on a real Redis that the test stops and starts: an outage
 * while running, an application started while Redis is down, and a Redis that wants a
 * password. Local delivery goes on throughout; publishes during an outage fail, are
 * counted and never delivered later; delivery across instances comes back by itself.
 */
@ExtendWith(OutputCaptureExtension.class)
class ClusterOutageWireTest {

	private static final Duration BACK_WITHIN = Duration.ofSeconds(30);

	private final List<ConfigurableApplicationContext> instances = new ArrayList<>();

	private final List<JdkClient> clients = new ArrayList<>();

	private final List<RedisServer> servers = new ArrayList<>();

	@AfterEach
	void stopEverything() {
		this.clients.forEach(JdkClient::close);
		this.instances.forEach(ConfigurableApplicationContext::close);
		this.servers.forEach(RedisServer::close);
	}

	@Test
	void anOutageCostsOnlyTheBroadcastsPublishedDuringItAndDeliveryComesBackByItself() throws Exception {
		RedisServer redis = redis(null);
		ConfigurableApplicationContext a = instance(redis.port());
		ConfigurableApplicationContext b = instance(redis.port());
		awaitConnected(a, b);
		JdkClient atA = client(a, "/chat/outage");
		JdkClient atB = client(b, "/chat/outage");
		connections(a).broadcast("before", ConnectionSelector.path("/chat/outage"));
		assertThat(atA.next()).isEqualTo("before");
		assertThat(atB.next()).isEqualTo("before");

		redis.stop();
		await().atMost(BACK_WITHIN).until(() -> Status.DOWN.equals(health(a)) && Status.DOWN.equals(health(b)));
		double failedBefore = clusterMessages(a, "failed", "redis");
		double publishedBefore = clusterMessages(a, "published", "none");
		for (int i = 0; i < 5; i++) {
			assertThat(connections(a).broadcast("lost-" + i, ConnectionSelector.path("/chat/outage"))).isOne();
			assertThat(atA.next()).isEqualTo("lost-" + i);
		}
		await().atMost(BACK_WITHIN).until(() -> clusterMessages(a, "failed", "redis") >= failedBefore + 5);
		assertThat(clusterMessages(a, "published", "none")).isEqualTo(publishedBefore);

		redis.startAgain();
		await().atMost(BACK_WITHIN).pollInterval(Duration.ofMillis(200)).until(() -> {
			connections(a).broadcast("probe", ConnectionSelector.path("/chat/outage").excluding(only(a)));
			return !atB.hasNoMessage();
		});
		await().atMost(BACK_WITHIN).until(() -> Status.UP.equals(health(a)) && Status.UP.equals(health(b)));
		connections(b).broadcast("from b", ConnectionSelector.path("/chat/outage"));
		assertThat(atA.next()).isEqualTo("from b");
		connections(a).broadcast("end", ConnectionSelector.path("/chat/outage"));
		List<String> atBAfter = new ArrayList<>();
		String message;
		while (!(message = atB.next()).equals("end")) {
			atBAfter.add(message);
		}
		assertThat(atBAfter).isNotEmpty().allMatch((received) -> received.equals("probe") || received.equals("from b"));
	}

	@Test
	void anApplicationStartsWithoutRedisBroadcastsLocallyAndJoinsWhenRedisComes(CapturedOutput output)
			throws Exception {
		int port = RedisServer.freePort();
		ConfigurableApplicationContext a = instance(port, "management.endpoint.health.probes.enabled=true");
		JdkClient atA = client(a, "/chat/alone");
		assertThat(connections(a).broadcast("local", ConnectionSelector.path("/chat/alone"))).isOne();
		assertThat(atA.next()).isEqualTo("local");
		await().atMost(BACK_WITHIN).until(() -> cluster(a).describe().lastError() != null);
		assertThat(health(a)).isEqualTo(Status.DOWN);
		HttpResponse<String> overall = get(a, "/actuator/health");
		assertThat(overall.statusCode()).isEqualTo(503);
		assertThat(JsonMapper.builder()
			.build()
			.readTree(overall.body())
			.path("components")
			.path("websocketCluster")
			.path("status")
			.asString()).isEqualTo("DOWN");
		HttpResponse<String> readiness = get(a, "/actuator/health/readiness");
		assertThat(readiness.statusCode()).as("a Redis outage keeps the instance in the load balancer").isEqualTo(200);
		assertThat(readiness.body()).doesNotContain("websocketCluster");
		for (int i = 0; i < 3; i++) {
			connections(a).broadcast("unpublished", ConnectionSelector.path("/chat/alone"));
			assertThat(atA.next()).isEqualTo("unpublished");
		}
		// "local" and the three: all failed, none published
		await().atMost(BACK_WITHIN).until(() -> clusterMessages(a, "failed", "redis") == 4);
		assertThat(clusterMessages(a, "published", "none")).isZero();
		assertThat(output.getOut().lines().filter((line) -> line.contains(" WARN ") && line.contains("d.c.websocket")))
			.hasSize(1)
			.allMatch((line) -> line.contains("Cross-instance broadcast unavailable"));

		RedisServer redis = redis(null, port);
		ConfigurableApplicationContext b = instance(redis.port());
		awaitConnected(a, b);
		JdkClient atB = client(b, "/chat/alone");
		connections(b).broadcast("joined", ConnectionSelector.path("/chat/alone"));
		assertThat(atA.next()).isEqualTo("joined");
		assertThat(atB.next()).isEqualTo("joined");
	}

	@Test
	void aRedisWithAPasswordIsUsedWithTheApplicationsCredentials() throws Exception {
		RedisServer redis = redis("s3cret");
		ConfigurableApplicationContext a = instance(redis.port(), "spring.data.redis.password=s3cret");
		ConfigurableApplicationContext b = instance(redis.port(), "spring.data.redis.password=s3cret");
		ConfigurableApplicationContext wrong = instance(redis.port(), "spring.data.redis.password=guess");
		awaitConnected(a, b);
		JdkClient atB = client(b, "/chat/secret");
		connections(a).broadcast("secret", ConnectionSelector.path("/chat/secret"));
		assertThat(atB.next()).isEqualTo("secret");
		await().atMost(BACK_WITHIN).until(() -> cluster(wrong).describe().lastError() != null);
		assertThat(health(wrong)).isEqualTo(Status.DOWN);
		assertThat(cluster(wrong).describe().lastError()).containsAnyOf("WRONGPASS", "NOAUTH", "invalid");
	}

	@Test
	void broadcastsRedisDidNotTakeInTimeAreCountedAsFailedAndNeverDeliveredLater() throws Exception {
		RedisServer redis = redis(null);
		String timeout = "cyclone.websocket.cluster.publish-timeout=500ms";
		ConfigurableApplicationContext a = instance(redis.port(), timeout);
		ConfigurableApplicationContext b = instance(redis.port(), timeout);
		awaitConnected(a, b);
		JdkClient atB = client(b, "/chat/stall");
		Thread sleeper = new Thread(() -> {
			try {
				redis.command("DEBUG", "SLEEP", "3");
			}
			catch (Exception ex) {
				// the test's assertions tell
			}
		});
		sleeper.start();
		await().atMost(BACK_WITHIN).until(() -> !redis.answersWithin(Duration.ofMillis(100)));
		for (int i = 0; i < 3; i++) {
			connections(a).broadcast("stalled-" + i, ConnectionSelector.path("/chat/stall"));
		}
		// Redis did not answer in time, or the reconnection after a timeout failed
		await().atMost(BACK_WITHIN)
			.until(() -> clusterMessages(a, "failed", "timeout") + clusterMessages(a, "failed", "redis") == 3);
		sleeper.join();
		await().atMost(BACK_WITHIN).pollInterval(Duration.ofMillis(200)).until(() -> {
			connections(a).broadcast("probe", ConnectionSelector.path("/chat/stall"));
			return !atB.hasNoMessage();
		});
		connections(a).broadcast("end", ConnectionSelector.path("/chat/stall"));
		List<String> atBAfter = new ArrayList<>();
		String message;
		while (!(message = atB.next()).equals("end")) {
			atBAfter.add(message);
		}
		assertThat(atBAfter).isNotEmpty().containsOnly("probe");
	}

	@Test
	void aClusterStoppedAndStartedAgainRejoinsAsANewInstance() throws Exception {
		RedisServer redis = redis(null);
		ConfigurableApplicationContext a = instance(redis.port());
		ConfigurableApplicationContext b = instance(redis.port());
		awaitConnected(a, b);
		String before = cluster(a).describe().instances().get(0).id();
		long threads = clusterThreads();
		cluster(a).stop();
		assertThat(cluster(a).isRunning()).isFalse();
		// its publishing and scheduling threads end with it
		await().atMost(BACK_WITHIN).until(() -> clusterThreads() == threads - 2);
		await().atMost(BACK_WITHIN).until(() -> cluster(b).describe().instances().size() == 1);
		cluster(a).start();
		awaitConnected(a, b);
		assertThat(cluster(a).describe().instances().get(0).id()).isNotEqualTo(before);
		JdkClient atB = client(b, "/chat/again");
		connections(a).broadcast("again", ConnectionSelector.path("/chat/again"));
		assertThat(atB.next()).isEqualTo("again");
	}

	@Test
	void aRedisUserLimitedToTheChannelIsEnough() throws Exception {
		RedisServer redis = redis(null);
		assertThat(redis.command("ACL", "SETUSER", "chat", "on", ">s3cret", "resetchannels",
				"&cyclone-websocket:cluster-test", "+publish", "+subscribe", "+unsubscribe", "+ping", "+hello", "+auth",
				"+client|setname"))
			.isEqualTo("+OK");
		String[] user = { "spring.data.redis.username=chat", "spring.data.redis.password=s3cret" };
		ConfigurableApplicationContext a = instance(redis.port(), user);
		ConfigurableApplicationContext b = instance(redis.port(), user);
		awaitConnected(a, b);
		JdkClient atB = client(b, "/chat/acl");
		connections(a).broadcast("limited", ConnectionSelector.path("/chat/acl"));
		assertThat(atB.next()).isEqualTo("limited");
		assertThat(cluster(a).describe().lastError()).isNull();
	}

	private RedisServer redis(String password) throws Exception {
		RedisServer redis = RedisServer.start(password);
		this.servers.add(redis);
		return redis;
	}

	private RedisServer redis(String password, int port) throws Exception {
		RedisServer redis = RedisServer.start(password, port);
		this.servers.add(redis);
		return redis;
	}

	private ConfigurableApplicationContext instance(int redisPort, String... more) {
		ConfigurableApplicationContext instance = ClusterTestApplication.start(redisPort, more);
		this.instances.add(instance);
		return instance;
	}

	private JdkClient client(ConfigurableApplicationContext instance, String path) throws Exception {
		JdkClient client = JdkClient.connect(URI.create("ws://127.0.0.1:" + port(instance) + path));
		this.clients.add(client);
		client.sendAndReceive("id");
		return client;
	}

	private static long clusterThreads() {
		return Thread.getAllStackTraces()
			.keySet()
			.stream()
			.filter((thread) -> thread.getName().matches("cyclone-cluster-(publisher|\\d+)"))
			.count();
	}

	private static HttpResponse<String> get(ConfigurableApplicationContext instance, String path) throws Exception {
		return HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port(instance) + path)).build(),
					HttpResponse.BodyHandlers.ofString());
	}

	private static void awaitConnected(ConfigurableApplicationContext... instances) {
		await().atMost(BACK_WITHIN).until(() -> {
			for (ConfigurableApplicationContext instance : instances) {
				if (!cluster(instance).isConnected()
						|| cluster(instance).describe().instances().size() != instances.length) {
					return false;
				}
			}
			return true;
		});
	}

	private static dev.cyclone.websocket.WebSocketConnection only(ConfigurableApplicationContext instance) {
		return connections(instance).all().get(0);
	}

	private static Status health(ConfigurableApplicationContext instance) {
		return instance.getBean(WebSocketClusterHealthIndicator.class).health(true).getStatus();
	}

}
