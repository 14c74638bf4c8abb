package dev.cyclone.websocket.wire;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.cyclone.websocket.CloseReason;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A handler that sends a last word and closes in {@code connectionMade}: the peer gets
 * the word, then the close, then end of stream; {@code connectionLost} gets the handler's
 * own code, once, on both protocols.
 */
@SpringBootTest(classes = WireTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("wire")
class CloseOnOpenWireTest {

	private static final Duration END_WITHIN = Duration.ofSeconds(3);

	@LocalServerPort
	private int port;

	@Autowired
	private Recorder recorder;

	@Test
	void rfc6455PeerGetsTheLastWordAndTheHandlersClose() throws Exception {
		int before = this.recorder.made.size();
		try (RawRfc6455 peer = RawRfc6455.open(this.port, "/closer")) {
			assertThat(peer.readMessage()).isEqualTo("bye");
			assertThat(peer.readMessage()).isEqualTo(RawRfc6455.CLOSE + 4002);
		}
		assertLostWith4002Once(before);
	}

	@Test
	void hixiePeerGetsTheLastWordAndTheClosingFrame() throws Exception {
		int before = this.recorder.made.size();
		try (RawHixie peer = new RawHixie(this.port)) {
			peer.open76("/closer");
			assertThat(peer.readFrame()).isEqualTo("bye");
			assertThat(peer.readFrame()).isEqualTo(RawHixie.CLOSE);
			assertThat(peer.http().endsWithin(END_WITHIN)).isTrue();
		}
		assertLostWith4002Once(before);
	}

	private void assertLostWith4002Once(int madeBefore) {
		await().atMost(Duration.ofSeconds(5)).until(() -> this.recorder.made.size() > madeBefore);
		String id = this.recorder.made.get(madeBefore);
		await().atMost(Duration.ofSeconds(5)).until(() -> !this.recorder.lostOf(id).isEmpty());
		await().during(Duration.ofMillis(300))
			.atMost(Duration.ofSeconds(2))
			.until(() -> this.recorder.lostOf(id).size() == 1);
		List<CloseReason> lost = this.recorder.lostOf(id);
		assertThat(lost).extracting(CloseReason::code).containsExactly(4002);
	}

}
