package dev.cyclone.websocket.cluster;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.cyclone.websocket.ConnectionSelector;
import dev.cyclone.websocket.adapter.BroadcastMessage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The cluster's wire format: what one instance encodes another decodes to the same
 * message, exclusions stay home, and anything else is refused with its cause.
 */
class ClusterCodecTest {

	private final ClusterCodec codec = new ClusterCodec();

	@Test
	void aTextBroadcastSurvivesTheTripWithoutItsExclusion() throws Exception {
		ConnectionSelector selector = ConnectionSelector.handler("chat")
			.withPath("/chat/lobby")
			.withPathVariable("room", "lobby")
			.withPrincipal("alice")
			.withAttribute("tier", "gold");
		ClusterMessage sent = new ClusterMessage.Broadcast("a", selector,
				BroadcastMessage.text("héllo \"world\" \u0000 😀"), 1_764_000_000_000L);
		assertThat(this.codec.decode(this.codec.encode(sent))).isEqualTo(sent);
	}

	@Test
	void aBinaryBroadcastTravelsAsBase64() throws Exception {
		ClusterMessage sent = new ClusterMessage.Broadcast("a", ConnectionSelector.all(),
				BroadcastMessage.binary(new byte[] { 0, -1, 7 }), 1L);
		byte[] encoded = this.codec.encode(sent);
		assertThat(new String(encoded, StandardCharsets.UTF_8)).contains("\"binary\":\"AP8H\"");
		assertThat(this.codec.decode(encoded)).isEqualTo(sent);
	}

	@Test
	void announcementsAndGoodbyesSurviveTheTrip() throws Exception {
		ClusterMessage announcement = new ClusterMessage.Announcement("b", "host:8080", 42,
				Map.of("chat", 3, "echo", 0));
		assertThat(this.codec.decode(this.codec.encode(announcement))).isEqualTo(announcement);
		ClusterMessage goodbye = new ClusterMessage.Goodbye("b");
		assertThat(this.codec.decode(this.codec.encode(goodbye))).isEqualTo(goodbye);
	}

	@Test
	void refusesWhatIsNotOursByCause() {
		assertCause("plain text", DropCause.NOT_OURS);
		assertCause("[1,2]", DropCause.NOT_OURS);
		assertCause("{\"type\":\"broadcast\"}", DropCause.NOT_OURS);
		assertCause("{\"cyclone-websocket\":", DropCause.MALFORMED);
		assertCause("{\"cyclone-websocket\":\"1\"}", DropCause.UNKNOWN_VERSION);
		assertCause("{\"cyclone-websocket\":4294967297}", DropCause.UNKNOWN_VERSION);
		assertCause("{\"cyclone-websocket\":1.0}", DropCause.UNKNOWN_VERSION);
		assertCause("{\"cyclone-websocket\":2,\"instance\":\"a\",\"type\":\"goodbye\"}", DropCause.UNKNOWN_VERSION);
		assertCause("{\"cyclone-websocket\":1,\"type\":\"goodbye\"}", DropCause.MALFORMED);
		assertCause("{\"cyclone-websocket\":1,\"instance\":\"a\",\"type\":\"broadcast\",\"selector\":{},"
				+ "\"text\":\"no time\"}", DropCause.MALFORMED);
		assertCause("{\"cyclone-websocket\":1,\"instance\":\"a\",\"type\":\"shout\"}", DropCause.MALFORMED);
		assertCause(
				"{\"cyclone-websocket\":1,\"instance\":\"a\",\"type\":\"broadcast\",\"queuedAt\":1,\"selector\":{}}",
				DropCause.MALFORMED);
		assertCause("{\"cyclone-websocket\":1,\"instance\":\"a\",\"type\":\"broadcast\",\"queuedAt\":1,\"selector\":{},"
				+ "\"text\":\"t\",\"binary\":\"AA==\"}", DropCause.MALFORMED);
		assertCause("{\"cyclone-websocket\":1,\"instance\":\"a\",\"type\":\"broadcast\",\"queuedAt\":1,\"selector\":{},"
				+ "\"binary\":\"not base64!\"}", DropCause.MALFORMED);
		assertCause("{\"cyclone-websocket\":1,\"instance\":\"a\",\"type\":\"broadcast\",\"queuedAt\":1,"
				+ "\"selector\":{\"attributes\":{\"n\":1}},\"text\":\"t\"}", DropCause.MALFORMED);
		assertCause("{\"cyclone-websocket\":1,\"instance\":\"a\",\"type\":\"announce\",\"name\":\"n\","
				+ "\"connections\":{\"chat\":-1}}", DropCause.MALFORMED);
		assertCause("{\"cyclone-websocket\":1,\"instance\":\"a\",\"type\":\"announce\",\"name\":\"n\","
				+ "\"sequence\":1e400,\"connections\":{}}", DropCause.MALFORMED);
		assertCause("{\"cyclone-websocket\":1,\"instance\":\"a\",\"type\":\"announce\",\"name\":\"n\","
				+ "\"connections\":{\"chat\":99999999999}}", DropCause.MALFORMED);
	}

	private void assertCause(String message, DropCause cause) {
		assertThatExceptionOfType(UnreadableMessageException.class)
			.isThrownBy(() -> this.codec.decode(message.getBytes(StandardCharsets.UTF_8)))
			.satisfies((ex) -> assertThat(ex.dropCause()).as(message).isEqualTo(cause));
	}

}
