package dev.cyclone.websocket.adapter;

import dev.cyclone.websocket.WebSocketHandler;

/**
 * Makes the per-connection instances of a cyclone handler bean and destroys each once its
 * connection is over (its {@code @PreDestroy} methods, {@code DisposableBean}, a
 * {@code @Bean} method's {@code destroyMethod}), as Spring's
 * {@code PerConnectionWebSocketHandler} does.
 */
public interface HandlerInstances {

	/**
	 * @return a fresh instance for a new connection
	 */
	WebSocketHandler create();

	/**
	 * Destroy an instance whose connection is over, or whose handshake was refused.
	 * @param handler the instance
	 */
	void destroy(WebSocketHandler handler);

}
