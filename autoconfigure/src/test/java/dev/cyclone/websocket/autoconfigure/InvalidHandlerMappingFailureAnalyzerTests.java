package dev.cyclone.websocket.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Properties;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.BeanCreationException;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.util.StringUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link InvalidHandlerMappingFailureAnalyzer}.
 */
class InvalidHandlerMappingFailureAnalyzerTests {

	private final InvalidHandlerMappingFailureAnalyzer analyzer = new InvalidHandlerMappingFailureAnalyzer();

	@Test
	void reportsDescriptionAndActionOfWrappedInvalidMapping() {
		InvalidHandlerMappingException invalid = new InvalidHandlerMappingException(
				"cyclone.websocket.handlers.echo.paths is empty", "List at least one path for handler 'echo'");
		FailureAnalysis analysis = this.analyzer
			.analyze(new BeanCreationException("cycloneWebSocketHandlerMapping", "creation failed", invalid));
		assertThat(analysis).isNotNull();
		assertThat(analysis.getDescription()).isEqualTo("cyclone.websocket.handlers.echo.paths is empty");
		assertThat(analysis.getAction()).isEqualTo("List at least one path for handler 'echo'");
		assertThat(analysis.getCause()).isSameAs(invalid);
	}

	@Test
	void reportsInvalidMappingThrownDirectly() {
		InvalidHandlerMappingException invalid = new InvalidHandlerMappingException("what", "how");
		FailureAnalysis analysis = this.analyzer.analyze(invalid);
		assertThat(analysis).isNotNull();
		assertThat(analysis.getDescription()).isEqualTo("what");
		assertThat(analysis.getAction()).isEqualTo("how");
	}

	@Test
	void ignoresOtherFailures() {
		assertThat(this.analyzer.analyze(new IllegalStateException("something else"))).isNull();
	}

	@Test
	void isRegisteredAsFailureAnalyzer() throws IOException {
		List<String> analyzers = new ArrayList<>();
		for (URL url : Collections.list(getClass().getClassLoader().getResources("META-INF/spring.factories"))) {
			Properties factories = new Properties();
			try (InputStream in = url.openStream()) {
				factories.load(in);
			}
			analyzers.addAll(StringUtils.commaDelimitedListToSet(
					StringUtils.trimAllWhitespace(factories.getProperty(FailureAnalyzer.class.getName(), ""))));
		}
		assertThat(analyzers).contains(InvalidHandlerMappingFailureAnalyzer.class.getName());
	}

}
