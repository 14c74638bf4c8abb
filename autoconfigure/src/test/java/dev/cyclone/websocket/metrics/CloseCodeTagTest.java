package dev.cyclone.websocket.metrics;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code code} tag takes a bounded set of values, whatever codes peers send.
 */
class CloseCodeTagTest {

	@ParameterizedTest
	@CsvSource({ "1000, 1000", "1001, 1001", "1003, 1003", "1004, other", "1005, 1005", "1006, 1006", "1011, 1011",
			"1015, 1015", "1016, other", "2999, other", "3000, 3xxx", "3999, 3xxx", "4000, 4xxx", "4499, 4xxx",
			"4500, 4500", "4501, 4xxx", "4999, 4xxx", "5000, other", "999, other", "0, other", "-1, other",
			"65535, other" })
	void tagsDefinedCodesByValueAndTheRestByRange(int code, String tag) {
		assertThat(CloseCodeTag.of(code)).isEqualTo(tag);
	}

}
