package dev.cyclone.websocket.container.tomcat;

import java.nio.ByteBuffer;
import java.util.HexFormat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The server's frame headers, against RFC 6455 section 5.7's examples and the edges of
 * each length form.
 */
class ServerFrameHeaderTest {

	@ParameterizedTest
	@CsvSource({ "1, 5, 8105", "1, 0, 8100", "1, 125, 817d", "1, 126, 817e007e", "2, 256, 827e0100",
			"2, 65535, 827effff", "2, 65536, 827f0000000000010000", "1, 70000, 817f0000000000011170" })
	void encodesTheLengthInTheShortestForm(int opcode, long length, String expected) {
		ByteBuffer header = ServerFrameHeader.of(opcode, length);
		byte[] bytes = new byte[header.remaining()];
		header.get(bytes);
		assertThat(HexFormat.of().formatHex(bytes)).isEqualTo(expected);
	}

}
