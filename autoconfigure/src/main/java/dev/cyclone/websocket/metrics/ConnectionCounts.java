package dev.cyclone.websocket.metrics;

import dev.cyclone.websocket.WebSocketProtocol;

/**
 * The one count of open connections, by handler and protocol, that the connection limits
 * keep and that the gauges and the Actuator endpoint read.
 */
public interface ConnectionCounts {

	/**
	 * The open connections of one handler over one protocol.
	 * @param handler the handler's bean name
	 * @param protocol the protocol
	 * @return the count
	 */
	int count(String handler, WebSocketProtocol protocol);

}
