package dev.cyclone.websocket.hixie76.servlet;

import jakarta.servlet.http.HttpUpgradeHandler;
import jakarta.servlet.http.WebConnection;

/**
 * The servlet upgrade handler the container instantiates for an accepted legacy handshake; hands the upgraded
 * streams to the {@link HixieConnection} prepared by {@link HixieUpgradeFilter}. Public with a no-argument
 * constructor because the container creates it.
 */
public class HixieUpgradeHandler implements HttpUpgradeHandler {

	private HixieConnection connection;

	void prepare(HixieConnection connection) {
		this.connection = connection;
	}

	@Override
	public void init(WebConnection webConnection) {
		this.connection.start(webConnection);
	}

	@Override
	public void destroy() {
		this.connection.dropped();
	}

}
