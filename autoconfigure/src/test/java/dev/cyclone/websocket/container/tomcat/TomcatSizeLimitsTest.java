package dev.cyclone.websocket.container.tomcat;

import java.time.Duration;
import java.util.OptionalInt;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * Buffer sizes too small for Tomcat's frame reader (a zero-sized buffer spins it, one
 * character cannot hold a character outside the Basic Multilingual Plane) stop the
 * application at startup with the property's name.
 */
class TomcatSizeLimitsTest {

	private static final Duration SECOND = Duration.ofSeconds(1);

	@Test
	void messageBufferSizeHasAFloor() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new TomcatContainer(SECOND, SECOND, OptionalInt.empty(), 0))
			.withMessageContaining("cyclone.websocket.message-buffer-size");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new TomcatContainer(SECOND, SECOND, OptionalInt.empty(), 127));
		assertThatNoException().isThrownBy(() -> new TomcatContainer(SECOND, SECOND, OptionalInt.empty(), 128));
	}

	@Test
	void tomcatBufferSizesHaveAFloor() {
		assertThatIllegalArgumentException().isThrownBy(() -> new TomcatBufferSizes(255, null))
			.withMessageContaining("cyclone.websocket.tomcat.buffer-size");
		assertThatIllegalArgumentException().isThrownBy(() -> new TomcatBufferSizes(null, -1))
			.withMessageContaining("cyclone.websocket.tomcat.socket-buffer-size");
		assertThatNoException().isThrownBy(() -> new TomcatBufferSizes(256, 256));
		assertThatNoException().isThrownBy(() -> new TomcatBufferSizes(null, null));
	}

}
