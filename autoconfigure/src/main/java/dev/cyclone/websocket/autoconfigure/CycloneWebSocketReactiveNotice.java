package dev.cyclone.websocket.autoconfigure;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;

/**
 * In a reactive (WebFlux) application the starter serves nothing, since its transports
 * are servlet-based; this says so in one INFO line instead of failing silently.
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@ConditionalOnBooleanProperty(name = "cyclone.websocket.enabled", matchIfMissing = true)
public final class CycloneWebSocketReactiveNotice {

	private static final Log logger = LogFactory.getLog(CycloneWebSocketReactiveNotice.class);

	/** Logged once when a reactive application has the starter on its classpath. */
	static final String MESSAGE = "cyclone-websocket backs off: this is a reactive web application and the "
			+ "starter serves servlet applications only; no cyclone.websocket.handlers are mapped";

	@Bean
	static Object cycloneWebSocketReactiveNoticeLogger() {
		logger.info(MESSAGE);
		return MESSAGE;
	}

}
