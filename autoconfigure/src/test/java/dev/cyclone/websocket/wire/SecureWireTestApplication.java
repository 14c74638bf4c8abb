package dev.cyclone.websocket.wire;

import java.security.Principal;

import dev.cyclone.websocket.WebSocketHandler;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

/**
 * A wire test application with Spring Security's auto-configuration left in:
 * {@code /secure/**} requires HTTP Basic authentication, and the {@code whoami} handler
 * tells who it sees over which protocol. Used only through
 * {@code @SpringBootTest(classes = ...)}; its mapping is in the test's properties.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
class SecureWireTestApplication {

	@Bean
	SecurityFilterChain securityFilterChain(HttpSecurity http) throws Exception {
		return http
			.authorizeHttpRequests(
					(requests) -> requests.requestMatchers("/secure/**").authenticated().anyRequest().permitAll())
			.httpBasic(Customizer.withDefaults())
			.csrf((csrf) -> csrf.disable())
			.build();
	}

	@Bean
	InMemoryUserDetailsManager userDetailsService() {
		return new InMemoryUserDetailsManager(
				User.withUsername("alice").password("{noop}secret").roles("USER").build());
	}

	@Bean
	WhoAmIHandler whoami() {
		return new WhoAmIHandler();
	}

	/**
	 * Answers any message with the handshake's principal and the negotiated protocol:
	 * "alice over hixie-76".
	 */
	static class WhoAmIHandler extends WebSocketHandler {

		@Override
		protected void messageReceived(String message) {
			Principal principal = request().principal();
			String name = (principal != null) ? principal.getName() : "anonymous";
			sendMessage(name + " over " + connection().protocol().id());
		}

	}

}
