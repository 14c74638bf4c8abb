package dev.cyclone.websocket.autoconfigure;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import dev.cyclone.websocket.WebSocketHandler;
import dev.cyclone.websocket.adapter.HandlerInstances;

import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.core.SimpleAliasRegistry;

/**
 * The instances of a cyclone handler bean, which {@link PerConnectionHandlerScopes} made
 * a prototype: each made by the bean factory, and destroyed by it with the bean
 * definition's destroy callbacks.
 *
 * @param beanFactory the bean factory
 * @param beanName the handler's bean name, not an alias (the factory destroys by bean
 * name only)
 */
record PrototypeHandlerInstances(ConfigurableBeanFactory beanFactory, String beanName) implements HandlerInstances {

	/**
	 * The instances of a bean mapped by its name or an alias.
	 * @param beanFactory the bean factory
	 * @param mappedName the name the mapping uses, possibly an alias
	 * @return the instances
	 */
	static PrototypeHandlerInstances of(ConfigurableBeanFactory beanFactory, String mappedName) {
		String beanName = (beanFactory instanceof SimpleAliasRegistry aliases) ? aliases.canonicalName(mappedName)
				: mappedName;
		return new PrototypeHandlerInstances(beanFactory, beanName);
	}

	private static final Log logger = LogFactory.getLog(PrototypeHandlerInstances.class);

	@Override
	public WebSocketHandler create() {
		return this.beanFactory.getBean(this.beanName, WebSocketHandler.class);
	}

	@Override
	public void destroy(WebSocketHandler handler) {
		try {
			this.beanFactory.destroyBean(this.beanName, handler);
		}
		catch (RuntimeException ex) {
			logger.error("Destroying an instance of handler '" + this.beanName + "' failed", ex);
		}
	}

}
