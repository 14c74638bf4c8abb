package dev.cyclone.websocket.handshake;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.cyclone.websocket.WebSocketProtocol;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The connection limits: the default that leaves room for HTTP, and which limit a new
 * connection would exceed.
 */
class ConnectionLimitsTest {

	@ParameterizedTest
	@CsvSource({ "8192, 7373", "20000, 18000", "20, 18", "10, 9", "9, 8", "2, 1", "1, 0" })
	void leavesATenthOfTheWebServersConnectionsAndAtLeastOneForHttp(int containerLimit, int webSockets) {
		assertThat(ConnectionLimits.leavingRoomForHttp(containerLimit)).isEqualTo(webSockets);
	}

	@Test
	void namesTheGlobalLimitThenTheHandlersOnce() {
		ConnectionLimits limits = new ConnectionLimits(3, Map.of("chat", 1));
		assertThat(limits.limitReached("chat")).isNull();
		limits.opened("chat", WebSocketProtocol.HIXIE_76);
		assertThat(limits.limitReached("chat")).isEqualTo("the maximum of 1 connections of handler 'chat'");
		assertThat(limits.limitReached("news")).isNull();
		limits.opened("news", WebSocketProtocol.RFC_6455);
		limits.opened("news", WebSocketProtocol.RFC_6455);
		assertThat(limits.limitReached("news"))
			.isEqualTo("the maximum of 3 connections (cyclone.websocket.max-connections)");
		limits.closed("chat", WebSocketProtocol.HIXIE_76);
		assertThat(limits.limitReached("news")).isNull();
		assertThat(limits.countsByProtocol("news")).containsEntry(WebSocketProtocol.RFC_6455, 2)
			.containsEntry(WebSocketProtocol.HIXIE_76, 0);
	}

}
