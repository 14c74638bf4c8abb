package dev.cyclone.websocket.autoconfigure;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.json.JsonMapper;

import dev.cyclone.websocket.adapter.ConnectionSettings;
import dev.cyclone.websocket.adapter.CycloneHandlerAdapter;
import dev.cyclone.websocket.adapter.HandlerInstantiatingInterceptor;
import dev.cyclone.websocket.autoconfigure.TestHandlers.ChatHandler;
import dev.cyclone.websocket.autoconfigure.TestHandlers.EchoConfiguration;
import dev.cyclone.websocket.autoconfigure.TestHandlers.EchoHandler;
import dev.cyclone.websocket.autoconfigure.TestHandlers.Greeter;
import dev.cyclone.websocket.autoconfigure.TestHandlers.GreeterConfiguration;
import dev.cyclone.websocket.autoconfigure.TestHandlers.PlainHandler;
import dev.cyclone.websocket.autoconfigure.TestHandlers.PrototypeEchoConfiguration;
import dev.cyclone.websocket.container.ServletContainer;
import dev.cyclone.websocket.container.UnknownServletContainer;
import dev.cyclone.websocket.container.jetty.JettyContainer;
import dev.cyclone.websocket.container.tomcat.TomcatContainer;
import dev.cyclone.websocket.handshake.ConnectionLimitInterceptor;
import dev.cyclone.websocket.handshake.OriginCheckingInterceptor;

import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ApplicationContext;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.handler.WebSocketHandlerDecorator;
import org.springframework.web.socket.server.HandshakeInterceptor;
import org.springframework.web.socket.server.support.DefaultHandshakeHandler;
import org.springframework.web.socket.server.support.WebSocketHandlerMapping;
import org.springframework.web.socket.server.support.WebSocketHttpRequestHandler;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link CycloneWebSocketAutoConfiguration} and
 * {@link CycloneWebSocketReactiveNotice}.
 */
@ExtendWith(OutputCaptureExtension.class)
class CycloneWebSocketAutoConfigurationTests {

	private static final AutoConfigurations CYCLONE = AutoConfigurations.of(CycloneWebSocketAutoConfiguration.class,
			CycloneWebSocketReactiveNotice.class);

	private final WebApplicationContextRunner contextRunner = new WebApplicationContextRunner()
		.withConfiguration(CYCLONE);

	@Test
	void mapsConfiguredHandlerToItsPaths() {
		this.contextRunner.withUserConfiguration(EchoConfiguration.class)
			.withPropertyValues("cyclone.websocket.handlers.echo.paths=/ws,/chat/{room}")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				WebSocketHandlerMapping mapping = handlerMapping(context);
				assertThat(mapping.getUrlMap()).containsOnlyKeys("/ws", "/chat/{room}");
				assertThat(mapping.getHandlerMap()).containsOnlyKeys("/ws", "/chat/{room}");
				assertThat(mappedCycloneHandlerName(mapping, "/ws")).isEqualTo("echo");
				assertThat(mappedCycloneHandlerName(mapping, "/chat/{room}")).isEqualTo("echo");
				assertThat(mapping.getHandlerMap().get("/ws")).isSameAs(mapping.getHandlerMap().get("/chat/{room}"));
			});
	}

	@Test
	void mapsHandlerRegisteredWithWithBean() {
		this.contextRunner.withUserConfiguration(GreeterConfiguration.class)
			.withBean("chat", ChatHandler.class)
			.withPropertyValues("cyclone.websocket.handlers.chat.paths[0]=/ws",
					"cyclone.websocket.handlers.chat.paths[1]=/chat/{room}")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				WebSocketHandlerMapping mapping = handlerMapping(context);
				assertThat(mapping.getUrlMap()).containsOnlyKeys("/ws", "/chat/{room}");
				assertThat(mapping.getHandlerMap()).containsOnlyKeys("/ws", "/chat/{room}");
				assertThat(mappedCycloneHandlerName(mapping, "/ws")).isEqualTo("chat");
				assertThat(mappedCycloneHandlerName(mapping, "/chat/{room}")).isEqualTo("chat");
			});
	}

	@Test
	void mapsHandlerUnderCamelCaseBeanNameAsInTheQuickStart() {
		this.contextRunner.withUserConfiguration(GreeterConfiguration.class)
			.withBean("echoWebSocket", EchoHandler.class)
			.withPropertyValues("cyclone.websocket.handlers.echoWebSocket.paths=/websocket")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				WebSocketHandlerMapping mapping = handlerMapping(context);
				assertThat(mapping.getHandlerMap()).containsOnlyKeys("/websocket");
				assertThat(mappedCycloneHandlerName(mapping, "/websocket")).isEqualTo("echoWebSocket");
				assertThat(context.getBean("echoWebSocket")).isNotSameAs(context.getBean("echoWebSocket"));
			});
	}

	@Test
	void mapsSeveralHandlersEachToItsOwnPaths() {
		this.contextRunner.withUserConfiguration(EchoConfiguration.class)
			.withBean("chat", ChatHandler.class)
			.withBean("plain", PlainHandler.class)
			.withPropertyValues("cyclone.websocket.handlers.echo.paths=/ws",
					"cyclone.websocket.handlers.chat.paths=/chat/{room}",
					"cyclone.websocket.handlers.plain.paths=/plain")
			.run((context) -> {
				WebSocketHandlerMapping mapping = handlerMapping(context);
				assertThat(mapping.getHandlerMap()).containsOnlyKeys("/ws", "/chat/{room}", "/plain");
				assertThat(mappedCycloneHandlerName(mapping, "/ws")).isEqualTo("echo");
				assertThat(mappedCycloneHandlerName(mapping, "/chat/{room}")).isEqualTo("chat");
				assertThat(lastHandler(mapping, "/plain")).isSameAs(context.getBean("plain"));
			});
	}

	@Test
	void makesCycloneHandlerDeclaredWithBeanMethodPerConnection() {
		this.contextRunner.withUserConfiguration(EchoConfiguration.class)
			.withPropertyValues("cyclone.websocket.handlers.echo.paths=/ws")
			.run((context) -> {
				assertThat(context.getBeanFactory().getBeanDefinition("echo").getScope())
					.isEqualTo(BeanDefinition.SCOPE_PROTOTYPE);
				assertThat(context.isPrototype("echo")).isTrue();
				assertThat(context.getBean("echo")).isNotSameAs(context.getBean("echo"));
			});
	}

	@Test
	void makesCycloneHandlerRegisteredWithWithBeanPerConnection() {
		this.contextRunner.withUserConfiguration(GreeterConfiguration.class)
			.withBean("chat", ChatHandler.class)
			.withPropertyValues("cyclone.websocket.handlers.chat.paths=/chat/{room}")
			.run((context) -> {
				assertThat(context.isPrototype("chat")).isTrue();
				assertThat(context.getBean("chat")).isNotSameAs(context.getBean("chat"));
			});
	}

	@Test
	void makesUnmappedCycloneHandlerPerConnectionToo() {
		this.contextRunner.withUserConfiguration(EchoConfiguration.class).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context.getBean("echo")).isNotSameAs(context.getBean("echo"));
		});
	}

	@Test
	void acceptsCycloneHandlerDeclaredWithExplicitPrototypeScope() {
		this.contextRunner.withUserConfiguration(PrototypeEchoConfiguration.class)
			.withPropertyValues("cyclone.websocket.handlers.echo.paths=/ws")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(handlerMapping(context).getUrlMap()).containsOnlyKeys("/ws");
				assertThat(context.getBean("echo")).isNotSameAs(context.getBean("echo"));
			});
	}

	@Test
	void injectsDependenciesIntoEveryCycloneHandlerInstance() {
		this.contextRunner.withUserConfiguration(EchoConfiguration.class)
			.withBean("chat", ChatHandler.class)
			.withPropertyValues("cyclone.websocket.handlers.echo.paths=/ws",
					"cyclone.websocket.handlers.chat.paths=/chat/{room}")
			.run((context) -> {
				Greeter greeter = context.getBean(Greeter.class);
				EchoHandler first = context.getBean("echo", EchoHandler.class);
				EchoHandler second = context.getBean("echo", EchoHandler.class);
				assertThat(first).isNotSameAs(second);
				assertThat(first.greeter()).isSameAs(greeter);
				assertThat(second.greeter()).isSameAs(greeter);
				assertThat(context.getBean("chat", ChatHandler.class).greeter()).isSameAs(greeter);
			});
	}

	@Test
	void mapsCycloneHandlerWithPerConnectionInstanceStepAndOriginCheck() {
		this.contextRunner.withUserConfiguration(EchoConfiguration.class)
			.withBean("applicationInterceptor", HandshakeInterceptor.class, NoOpInterceptor::new)
			.withPropertyValues("cyclone.websocket.handlers.echo.paths=/ws")
			.run((context) -> {
				WebSocketHttpRequestHandler requestHandler = requestHandler(handlerMapping(context), "/ws");
				assertThat(requestHandler.getHandshakeInterceptors()).hasExactlyElementsOfTypes(
						OriginCheckingInterceptor.class, ConnectionLimitInterceptor.class, NoOpInterceptor.class,
						HandlerInstantiatingInterceptor.class);
				assertThat(requestHandler.getHandshakeInterceptors().get(2))
					.isSameAs(context.getBean("applicationInterceptor"));
			});
	}

	@Test
	void mapsPlainSpringWebSocketHandlerAndKeepsItShared() {
		this.contextRunner.withBean("plain", PlainHandler.class)
			.withPropertyValues("cyclone.websocket.handlers.plain.paths=/plain,/plain/{id}")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				WebSocketHandlerMapping mapping = handlerMapping(context);
				assertThat(mapping.getUrlMap()).containsOnlyKeys("/plain", "/plain/{id}");
				assertThat(mapping.getHandlerMap()).containsOnlyKeys("/plain", "/plain/{id}");
				assertThat(context.isSingleton("plain")).isTrue();
				assertThat(context.getBean("plain")).isSameAs(context.getBean("plain"));
				assertThat(lastHandler(mapping, "/plain")).isSameAs(context.getBean("plain"));
				assertThat(lastHandler(mapping, "/plain/{id}")).isSameAs(context.getBean("plain"));
			});
	}

	@Test
	void offersConfiguredSubprotocolsInTheHandshake() {
		this.contextRunner.withUserConfiguration(EchoConfiguration.class)
			.withPropertyValues("cyclone.websocket.handlers.echo.paths=/ws",
					"cyclone.websocket.handlers.echo.subprotocols=v2.chat,v1.chat")
			.run((context) -> {
				WebSocketHttpRequestHandler requestHandler = requestHandler(handlerMapping(context), "/ws");
				assertThat(requestHandler.getHandshakeHandler()).isInstanceOfSatisfying(DefaultHandshakeHandler.class,
						(handshakeHandler) -> assertThat(handshakeHandler.getSupportedProtocols())
							.containsExactly("v2.chat", "v1.chat"));
			});
	}

	@Test
	void createsEmptyMappingWhenNoHandlerIsConfigured() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(handlerMapping(context).getUrlMap()).isEmpty();
		});
	}

	@Test
	void encodesWithTheApplicationJsonMapper() {
		this.contextRunner.withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class))
			.run((context) -> assertThat(context.getBean(ConnectionSettings.class).jsonMapper())
				.isSameAs(context.getBean(JsonMapper.class)));
	}

	@Test
	void encodesWithADefaultJsonMapperWhenTheApplicationHasNone() {
		this.contextRunner.run((context) -> {
			assertThat(context).doesNotHaveBean(JsonMapper.class);
			assertThat(context.getBean(ConnectionSettings.class).jsonMapper()).isNotNull();
		});
	}

	@Test
	void appliesOutboundLimitsFromProperties() {
		this.contextRunner
			.withPropertyValues("cyclone.websocket.send-buffer-limit=2MB", "cyclone.websocket.send-time-limit=3s")
			.run((context) -> {
				ConnectionSettings settings = context.getBean(ConnectionSettings.class);
				assertThat(settings.outboundLimits().bufferLimit()).isEqualTo(2L * 1024 * 1024);
				assertThat(settings.outboundLimits().sendTimeLimit()).hasSeconds(3);
			});
	}

	@Test
	void choosesTomcatsContainerLayerWhenTomcatAndJettyAreBothPresentAsSpringBootDoes() {
		this.contextRunner
			.run((context) -> assertThat(context).getBean(ServletContainer.class).isInstanceOf(TomcatContainer.class));
	}

	@Test
	void choosesJettysContainerLayerWithoutTomcat() {
		this.contextRunner.withClassLoader(new FilteredClassLoader("org.apache.coyote", "org.apache.tomcat"))
			.run((context) -> assertThat(context).getBean(ServletContainer.class).isInstanceOf(JettyContainer.class));
	}

	@Test
	void servesRfc6455OnlyAndSaysSoOnAnotherContainer(CapturedOutput output) {
		this.contextRunner
			.withClassLoader(new FilteredClassLoader("org.apache.coyote", "org.apache.tomcat", "org.eclipse.jetty"))
			.withUserConfiguration(EchoConfiguration.class)
			.withPropertyValues("cyclone.websocket.handlers.echo.paths=/ws")
			.run((context) -> {
				assertThat(context).getBean(ServletContainer.class).isInstanceOf(UnknownServletContainer.class);
				assertThat(
						context.getBean("cycloneWebSocketHixieUpgradeFilter", FilterRegistrationBean.class).isEnabled())
					.isFalse();
				assertThat(handlerMapping(context).getUrlMap()).containsOnlyKeys("/ws");
				assertThat(output).contains("Hixie-76 and Hixie-75 are off: they need Tomcat or Jetty");
			});
	}

	@Test
	void letsTheApplicationProvideItsOwnContainerLayer() {
		ServletContainer own = new UnknownServletContainer();
		this.contextRunner.withBean(ServletContainer.class, () -> own)
			.run((context) -> assertThat(context).getBean(ServletContainer.class).isSameAs(own));
	}

	@Test
	void backsOffWhenUserDefinesHandlerMappingBean() {
		WebSocketHandlerMapping userMapping = new WebSocketHandlerMapping();
		this.contextRunner.withUserConfiguration(EchoConfiguration.class)
			.withBean(CycloneWebSocketAutoConfiguration.HANDLER_MAPPING_BEAN_NAME, WebSocketHandlerMapping.class,
					() -> userMapping)
			.withPropertyValues("cyclone.websocket.handlers.echo.paths=/ws",
					"cyclone.websocket.handlers.missing.paths=/missing")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context).hasSingleBean(WebSocketHandlerMapping.class);
				assertThat(context.getBean(CycloneWebSocketAutoConfiguration.HANDLER_MAPPING_BEAN_NAME))
					.isSameAs(userMapping);
				assertThat(userMapping.getUrlMap()).isEmpty();
			});
	}

	@Test
	void mapsNothingAndKeepsHandlerSingletonWhenDisabled() {
		this.contextRunner.withUserConfiguration(EchoConfiguration.class)
			.withPropertyValues("cyclone.websocket.enabled=false", "cyclone.websocket.handlers.echo.paths=/ws")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context).doesNotHaveBean(WebSocketHandlerMapping.class);
				assertThat(context).doesNotHaveBean(CycloneWebSocketAutoConfiguration.HANDLER_MAPPING_BEAN_NAME);
				assertThat(context).doesNotHaveBean(PerConnectionHandlerScopes.class);
				assertThat(context).doesNotHaveBean(CycloneWebSocketProperties.class);
				assertThat(context).doesNotHaveBean(ConnectionSettings.class);
				assertThat(context.isSingleton("echo")).isTrue();
				assertThat(context.getBean("echo")).isSameAs(context.getBean("echo"));
			});
	}

	@Test
	void mapsNothingInReactiveApplicationAndSaysSo(CapturedOutput output) {
		new ReactiveWebApplicationContextRunner().withConfiguration(CYCLONE)
			.withUserConfiguration(EchoConfiguration.class)
			.withPropertyValues("cyclone.websocket.handlers.echo.paths=/ws")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context).doesNotHaveBean(WebSocketHandlerMapping.class);
				assertThat(context).doesNotHaveBean(PerConnectionHandlerScopes.class);
				assertThat(context).doesNotHaveBean(CycloneWebSocketProperties.class);
				assertThat(context).hasSingleBean(CycloneWebSocketReactiveNotice.class);
				assertThat(context.getBean("echo")).isSameAs(context.getBean("echo"));
			});
		assertThat(output.getAll().lines().filter((line) -> line.contains(CycloneWebSocketReactiveNotice.MESSAGE)))
			.singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
			.contains("INFO")
			.contains(CycloneWebSocketReactiveNotice.class.getSimpleName());
	}

	@Test
	void staysSilentInReactiveApplicationWhenDisabled(CapturedOutput output) {
		new ReactiveWebApplicationContextRunner().withConfiguration(CYCLONE)
			.withPropertyValues("cyclone.websocket.enabled=false")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context).doesNotHaveBean(CycloneWebSocketReactiveNotice.class);
			});
		assertThat(output).doesNotContain(CycloneWebSocketReactiveNotice.MESSAGE);
	}

	@Test
	void logsNoReactiveNoticeInServletApplication(CapturedOutput output) {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(WebSocketHandlerMapping.class);
			assertThat(context).doesNotHaveBean(CycloneWebSocketReactiveNotice.class);
		});
		assertThat(output).doesNotContain(CycloneWebSocketReactiveNotice.MESSAGE);
	}

	@Test
	void configuresNothingInNonWebApplication(CapturedOutput output) {
		new ApplicationContextRunner().withConfiguration(CYCLONE)
			.withUserConfiguration(EchoConfiguration.class)
			.withPropertyValues("cyclone.websocket.handlers.echo.paths=/ws")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context).doesNotHaveBean(WebSocketHandlerMapping.class);
				assertThat(context).doesNotHaveBean(PerConnectionHandlerScopes.class);
				assertThat(context).doesNotHaveBean(CycloneWebSocketProperties.class);
				assertThat(context).doesNotHaveBean(ConnectionSettings.class);
				assertThat(context).doesNotHaveBean(CycloneWebSocketReactiveNotice.class);
				assertThat(context.getBean("echo")).isSameAs(context.getBean("echo"));
			});
		assertThat(output).doesNotContain(CycloneWebSocketReactiveNotice.MESSAGE);
	}

	private static WebSocketHandlerMapping handlerMapping(ApplicationContext context) {
		assertThat(context.getBeanNamesForType(WebSocketHandlerMapping.class))
			.containsExactly(CycloneWebSocketAutoConfiguration.HANDLER_MAPPING_BEAN_NAME);
		return context.getBean(CycloneWebSocketAutoConfiguration.HANDLER_MAPPING_BEAN_NAME,
				WebSocketHandlerMapping.class);
	}

	private static WebSocketHttpRequestHandler requestHandler(WebSocketHandlerMapping mapping, String path) {
		Map<String, Object> handlers = mapping.getHandlerMap();
		assertThat(handlers).containsKey(path);
		assertThat(handlers.get(path)).isInstanceOf(WebSocketHttpRequestHandler.class);
		return (WebSocketHttpRequestHandler) handlers.get(path);
	}

	private static String mappedCycloneHandlerName(WebSocketHandlerMapping mapping, String path) {
		WebSocketHandler handler = lastHandler(mapping, path);
		assertThat(handler).isInstanceOf(CycloneHandlerAdapter.class);
		return ((CycloneHandlerAdapter) handler).handlerName();
	}

	private static WebSocketHandler lastHandler(WebSocketHandlerMapping mapping, String path) {
		WebSocketHandler handler = requestHandler(mapping, path).getWebSocketHandler();
		assertThat(handler).isInstanceOf(WebSocketHandlerDecorator.class);
		return ((WebSocketHandlerDecorator) handler).getLastHandler();
	}

	static class NoOpInterceptor implements HandshakeInterceptor {

		@Override
		public boolean beforeHandshake(ServerHttpRequest request, ServerHttpResponse response,
				WebSocketHandler wsHandler, Map<String, Object> attributes) {
			return true;
		}

		@Override
		public void afterHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler wsHandler,
				Exception exception) {
		}

	}

}
