package dev.cyclone.websocket.hixie76;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

class Hixie76HandshakeTest {

	private static final HexFormat HEX = HexFormat.of();

	private static JsonNode vectors(String section) {
		try (InputStream in = Hixie76HandshakeTest.class.getResourceAsStream("/hixie76-handshakes.json")) {
			return new ObjectMapper().readTree(in).get(section);
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	static Stream<Arguments> validVectors() {
		return vectors("valid").values()
			.stream()
			.map(v -> argumentSet(v.get("note").asString() + " " + v.get("key1").asString(), v));
	}

	static Stream<Arguments> invalidVectors() {
		return vectors("invalid").values()
			.stream()
			.map(v -> argumentSet(v.get("reason").asString(), v.get("key").asString()));
	}

	@Test
	void answersTheDraftExample() {
		byte[] key3 = "^n:ds[4U".getBytes(StandardCharsets.US_ASCII);

		byte[] answer = Hixie76Handshake.answer("4 @1  46546xW%0l 1 5", "12998 5 Y3 1  .P00", key3);

		assertThat(answer).isEqualTo("8jKS'y:G*Co,Wxa-".getBytes(StandardCharsets.US_ASCII));
	}

	@ParameterizedTest
	@MethodSource("validVectors")
	void parsesBothKeysOfEveryValidVector(JsonNode vector) {
		assertThat(Hixie76Handshake.parseKey(vector.get("key1").asString())).isEqualTo(vector.get("number1").asLong());
		assertThat(Hixie76Handshake.parseKey(vector.get("key2").asString())).isEqualTo(vector.get("number2").asLong());
	}

	@ParameterizedTest
	@MethodSource("validVectors")
	void computesTheAnswerOfEveryValidVector(JsonNode vector) {
		byte[] answer = Hixie76Handshake.answer(vector.get("key1").asString(), vector.get("key2").asString(),
				HEX.parseHex(vector.get("key3_hex").asString()));

		assertThat(answer).isEqualTo(HEX.parseHex(vector.get("answer_hex").asString()));
	}

	@ParameterizedTest
	@MethodSource("invalidVectors")
	void refusesEveryInvalidVector(String key) {
		assertThatThrownBy(() -> Hixie76Handshake.parseKey(key)).isInstanceOf(InvalidHandshakeKeyException.class);
	}

	@Test
	void refusesNullKey() {
		assertThatThrownBy(() -> Hixie76Handshake.parseKey(null)).isInstanceOf(InvalidHandshakeKeyException.class)
			.hasMessage("key is null");
	}

	@Test
	void refusesEmptyKey() {
		assertThatThrownBy(() -> Hixie76Handshake.parseKey("")).isInstanceOf(InvalidHandshakeKeyException.class)
			.hasMessage("key is empty");
	}

	@Test
	void refusesKeyWithoutSpaces() {
		assertThatThrownBy(() -> Hixie76Handshake.parseKey("123456789"))
			.isInstanceOf(InvalidHandshakeKeyException.class)
			.hasMessage("key has no spaces");
	}

	@Test
	void refusesKeyThatIsNotAMultipleOfItsSpaces() {
		assertThatThrownBy(() -> Hixie76Handshake.parseKey("1 2 3 7")).isInstanceOf(InvalidHandshakeKeyException.class)
			.hasMessage("key number 1237 is not a multiple of its 3 spaces");
	}

	@Test
	void acceptsKeyWithSpacesButNoDigitsAsZero() {
		assertThat(Hixie76Handshake.parseKey("a b")).isZero();
	}

	@Test
	void acceptsTheLargestUnsigned32BitQuotient() {
		assertThat(Hixie76Handshake.parseKey("42949672 95")).isEqualTo(0xFFFF_FFFFL);
	}

	@Test
	void refusesQuotientOver32Bits() {
		assertThatThrownBy(() -> Hixie76Handshake.parseKey("42949672 96"))
			.isInstanceOf(InvalidHandshakeKeyException.class)
			.hasMessage("key quotient 4294967296 exceeds 32 bits");
	}

	@Test
	void refusesDigitStringThatOverflowsALong() {
		assertThatThrownBy(() -> Hixie76Handshake.parseKey("9 " + "9".repeat(40) + " 9"))
			.isInstanceOf(InvalidHandshakeKeyException.class)
			.hasMessage("key digits overflow 64 bits");
	}

	@Test
	void ignoresCharactersOtherThanDigitsAndSpaces() {
		assertThat(Hixie76Handshake.parseKey("x1\t2-3 y")).isEqualTo(123);
	}

	@ParameterizedTest
	@ValueSource(ints = { 0, 7, 9 })
	void refusesKey3ThatIsNotEightBytes(int length) {
		assertThatThrownBy(() -> Hixie76Handshake.answer("1 2", "3 4", new byte[length]))
			.isInstanceOf(InvalidHandshakeKeyException.class)
			.hasMessage("key3 must be exactly 8 bytes, got " + length + " bytes");
	}

	@Test
	void refusesNullKey3() {
		assertThatThrownBy(() -> Hixie76Handshake.answer("1 2", "3 4", null))
			.isInstanceOf(InvalidHandshakeKeyException.class)
			.hasMessage("key3 must be exactly 8 bytes, got null");
	}

	@Test
	void refusesAnswerWhenAKeyIsInvalid() {
		assertThatThrownBy(() -> Hixie76Handshake.answer("1 2", "34", new byte[8]))
			.isInstanceOf(InvalidHandshakeKeyException.class)
			.hasMessage("key has no spaces");
	}

}
