package dev.cyclone.websocket.wire;

import java.net.URI;

import org.junit.jupiter.api.Test;

import dev.cyclone.websocket.CloseReason;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Closing the application context closes every connection with 1001 and runs {@code connectionLost} for each
 * before the context is gone.
 */
class ShutdownWireTest {

	@Test
	void closingTheContextClosesConnectionsWithGoingAwayAndReportsThemFirst() throws Exception {
		ConfigurableApplicationContext context = new SpringApplicationBuilder(WireTestApplication.class)
			.profiles("wire")
			.properties("server.port=0")
			.run();
		Recorder recorder = context.getBean(Recorder.class);
		int port = ((WebServerApplicationContext) context).getWebServer().getPort();
		JdkClient first = JdkClient.connect(URI.create("ws://127.0.0.1:" + port + "/echo"));
		JdkClient second = JdkClient.connect(URI.create("ws://127.0.0.1:" + port + "/echo"));
		String firstId = first.sendAndReceive("id");
		String secondId = second.sendAndReceive("id");

		context.close();

		assertThat(recorder.lostOf(firstId)).extracting(CloseReason::code).containsExactly(1001);
		assertThat(recorder.lostOf(secondId)).extracting(CloseReason::code).containsExactly(1001);
		assertThat(first.awaitCloseCode()).isEqualTo(1001);
		assertThat(second.awaitCloseCode()).isEqualTo(1001);
	}

}
