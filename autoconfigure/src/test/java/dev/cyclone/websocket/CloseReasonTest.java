package dev.cyclone.websocket;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * Which close codes and reasons may be sent (RFC 6455 section 7.4 and the IANA registry).
 */
class CloseReasonTest {

	@ParameterizedTest
	@ValueSource(ints = { 1000, 1001, 1002, 1003, 1007, 1008, 1009, 1010, 1011, 1012, 1013, 1014, 3000, 3999, 4000,
			4500, 4999 })
	void sendsDefinedAndPrivateCodes(int code) {
		assertThatNoException().isThrownBy(() -> CloseReason.requireSendable(code, "why"));
	}

	@ParameterizedTest
	@ValueSource(ints = { -1, 0, 999, 1004, 1005, 1006, 1015, 1016, 2000, 2999, 5000, 65535 })
	void refusesCodesThatAreNeverSent(int code) {
		assertThatExceptionOfType(IllegalArgumentException.class)
			.isThrownBy(() -> CloseReason.requireSendable(code, ""))
			.withMessage("Close code " + code + " may not be sent: use 1000-1003, 1007-1014 or 3000-4999 (1004, 1005, "
					+ "1006 and 1015 only report what happened)");
	}

	@Test
	void refusesAReasonOverOneHundredTwentyThreeBytesOfUtf8() {
		assertThatNoException().isThrownBy(() -> CloseReason.requireSendable(1000, "é".repeat(61) + "x"));
		assertThatExceptionOfType(IllegalArgumentException.class)
			.isThrownBy(() -> CloseReason.requireSendable(1000, "é".repeat(62)))
			.withMessage("Close reason of 124 bytes is too long: at most 123 bytes of UTF-8");
	}

}
