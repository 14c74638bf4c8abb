package dev.cyclone.websocket.autoconfigure;

import dev.cyclone.websocket.WebSocketHandler;

import org.springframework.beans.factory.annotation.AnnotatedBeanDefinition;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.AbstractBeanDefinition;
import org.springframework.context.annotation.Scope;
import org.springframework.core.type.MethodMetadata;
import org.springframework.util.StringUtils;

/**
 * Makes every bean definition of a cyclone {@link WebSocketHandler} a per-connection
 * (prototype) definition, so a plain {@code @Component} or {@code @Bean} gives a fresh,
 * injected instance to every connection. Fails startup for a declaration that cannot: a
 * pre-built instance, or an explicit scope other than prototype.
 */
final class PerConnectionHandlerScopes implements BeanFactoryPostProcessor {

	@Override
	public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
		for (String name : beanFactory.getBeanNamesForType(WebSocketHandler.class, true, false)) {
			if (!beanFactory.containsBeanDefinition(name)) {
				throw new InvalidHandlerMappingException(
						"Bean '" + name + "' is a pre-built instance of cyclone " + "WebSocketHandler "
								+ beanFactory.getType(name).getName()
								+ ", but every connection needs a fresh handler instance",
						"Declare the class with @Component, or with a @Bean method that returns a new instance on "
								+ "each call, instead of registering an instance");
			}
			BeanDefinition definition = beanFactory.getBeanDefinition(name);
			String declaredScope = declaredScope(definition);
			if (definition instanceof AbstractBeanDefinition abstractDefinition
					&& AbstractBeanDefinition.INFER_METHOD.equals(abstractDefinition.getDestroyMethodName())) {
				// a @Bean method's inferred destroy method would be the handler's final
				// close()
				abstractDefinition.setDestroyMethodName(null);
			}
			if (declaredScope == null) {
				definition.setScope(BeanDefinition.SCOPE_PROTOTYPE);
			}
			else if (!BeanDefinition.SCOPE_PROTOTYPE.equals(declaredScope)) {
				throw new InvalidHandlerMappingException(
						"Bean '" + name + "' (a cyclone WebSocketHandler) is " + "declared with scope '" + declaredScope
								+ "', but every connection needs a fresh " + "handler instance",
						"Remove the @Scope annotation from bean '" + name
								+ "' (the starter makes cyclone handlers per-connection) or use @Scope(\"prototype\")");
			}
		}
	}

	/**
	 * The scope the user declared, or {@code null} when the definition only carries the
	 * default.
	 */
	private static String declaredScope(BeanDefinition definition) {
		if (definition instanceof AnnotatedBeanDefinition annotated) {
			MethodMetadata factoryMethod = annotated.getFactoryMethodMetadata();
			boolean scopeAnnotated = (factoryMethod != null) ? factoryMethod.isAnnotated(Scope.class.getName())
					: annotated.getMetadata().isAnnotated(Scope.class.getName());
			return scopeAnnotated ? definition.getScope() : null;
		}
		return StringUtils.hasText(definition.getScope()) ? definition.getScope() : null;
	}

}
