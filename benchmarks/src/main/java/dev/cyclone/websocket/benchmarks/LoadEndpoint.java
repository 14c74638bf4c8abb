package dev.cyclone.websocket.benchmarks;

import java.net.URI;

/**
 * One echo endpoint a {@link LoadTool} run puts under load, and the protocol it speaks to
 * it.
 *
 * @param uri the {@code ws://} address of the echo endpoint
 * @param protocol the protocol every connection to it speaks
 */
record LoadEndpoint(URI uri, ClientProtocol protocol) {

	@Override
	public String toString() {
		return this.protocol.label() + " " + this.uri;
	}

}
