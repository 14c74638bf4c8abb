package dev.cyclone.websocket.benchmarks;

import java.util.Map;

import dev.cyclone.websocket.autoconfigure.CycloneWebSocketAutoConfiguration;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;

/**
 * The plain Spring reference of the load and scale comparisons: {@link SpringEchoHandler}
 * at {@code /websocket} through Spring's own {@code @EnableWebSocket} registry, on the
 * same Tomcat as the sample application and with the same Actuator metrics, without the
 * cyclone starter (its auto-configuration is excluded). It speaks RFC 6455 only.
 *
 * <p>
 * Run it as
 * {@code java -jar benchmarks/target/cyclone-websocket-benchmarks-0.1.0-SNAPSHOT-spring-echo.jar
 * --server.port=<port>}; it listens on 127.0.0.1.
 */
@SpringBootApplication(exclude = CycloneWebSocketAutoConfiguration.class)
@EnableWebSocket
public class SpringEchoApplication implements WebSocketConfigurer {

	/**
	 * Starts the server.
	 * @param args Spring Boot arguments, such as {@code --server.port=8080}
	 */
	public static void main(String[] args) {
		SpringApplication application = new SpringApplication(SpringEchoApplication.class);
		application.setDefaultProperties(
				Map.of("server.address", "127.0.0.1", "management.endpoints.web.exposure.include", "health,metrics"));
		application.run(args);
	}

	@Override
	public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
		registry.addHandler(new SpringEchoHandler(), "/websocket");
	}

}
