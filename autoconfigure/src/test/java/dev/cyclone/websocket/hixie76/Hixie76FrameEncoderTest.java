package dev.cyclone.websocket.hixie76;

import java.util.HexFormat;
import java.util.Random;
import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

class Hixie76FrameEncoderTest {

	private static byte[] hex(String hex) {
		return HexFormat.of().parseHex(hex);
	}

	static LongStream seeds() {
		return LongStream.range(0, 50);
	}

	@Test
	void encodesAsciiTextExactly() {
		assertThat(Hixie76FrameEncoder.encodeText("abc")).isEqualTo(hex("00616263ff"));
	}

	@Test
	void encodesMultiByteTextExactly() {
		assertThat(Hixie76FrameEncoder.encodeText("é€𝄞")).isEqualTo(hex("00c3a9e282acf09d849eff"));
	}

	@Test
	void encodesEmptyStringAsTypeAndTerminator() {
		assertThat(Hixie76FrameEncoder.encodeText("")).isEqualTo(hex("00ff"));
	}

	@Test
	void encodesUnpairedSurrogateAsQuestionMark() {
		assertThat(Hixie76FrameEncoder.encodeText("a\uD800")).isEqualTo(hex("00613fff"));
	}

	@Test
	void closeFrameIsFfZeroAndAFreshCopyEachTime() {
		byte[] first = Hixie76FrameEncoder.closeFrame();
		first[0] = 0;

		assertThat(Hixie76FrameEncoder.closeFrame()).isEqualTo(hex("ff00"));
	}

	@ParameterizedTest
	@MethodSource("seeds")
	void decodingAnEncodedRandomStringGivesItBack(long seed) {
		Random random = new Random(seed);
		String message = TestFrames.randomString(random);

		assertThat(new Hixie76FrameDecoder(1024).feed(Hixie76FrameEncoder.encodeText(message)))
			.containsExactly(message);
	}

}
