package dev.cyclone.websocket.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.annotation.ImportCandidates;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests that the build publishes the configuration metadata of
 * {@link CycloneWebSocketProperties} and registers the auto-configurations.
 */
class CycloneWebSocketMetadataTests {

	private static final String METADATA = "META-INF/spring-configuration-metadata.json";

	@Test
	void describesEveryProperty() throws IOException {
		JsonNode metadata = metadata();
		for (String name : List.of("cyclone.websocket.enabled", "cyclone.websocket.allowed-origins",
				"cyclone.websocket.allowed-origin-patterns", "cyclone.websocket.send-buffer-limit",
				"cyclone.websocket.send-time-limit", "cyclone.websocket.shutdown-grace-period",
				"cyclone.websocket.handlers", "cyclone.websocket.cluster.enabled", "cyclone.websocket.cluster.channel",
				"cyclone.websocket.cluster.max-message-size", "cyclone.websocket.cluster.announce-interval",
				"cyclone.websocket.cluster.instance-timeout", "cyclone.websocket.cluster.publish-queue-capacity",
				"cyclone.websocket.cluster.delivery-queue-capacity", "cyclone.websocket.cluster.buffer-limit",
				"cyclone.websocket.cluster.publish-timeout")) {
			JsonNode property = property(metadata, name);
			assertThat(property.path("description").asString()).as("description of %s", name).isNotBlank();
			assertThat(property.path("sourceType").asString()).as("source type of %s", name)
				.startsWith(CycloneWebSocketProperties.class.getName());
		}
	}

	@Test
	void hintsTheHandlerBeanNamesAndTheNestedKeys() throws IOException {
		JsonNode metadata = metadata();
		List<String> providers = new ArrayList<>();
		for (JsonNode hint : metadata.path("hints")) {
			if (hint.path("name").asString().equals("cyclone.websocket.handlers.keys")) {
				for (JsonNode provider : hint.path("providers")) {
					providers.add(provider.path("name").asString() + " "
							+ provider.path("parameters").path("target").asString());
				}
			}
		}
		assertThat(providers).containsExactly("spring-bean-reference dev.cyclone.websocket.WebSocketHandler");
		assertThat(property(metadata, "cyclone.websocket.handlers").path("description").asString()).contains("'paths'",
				"'subprotocols'", "'allowed-origins'", "'allowed-origin-patterns'", "'hixie-enabled'",
				"'max-connections'");
	}

	@Test
	void documentsDefaultValues() throws IOException {
		JsonNode metadata = metadata();
		JsonNode enabled = property(metadata, "cyclone.websocket.enabled").path("defaultValue");
		assertThat(enabled.isBoolean()).as("enabled default is a JSON boolean: %s", enabled).isTrue();
		assertThat(enabled.booleanValue()).isTrue();
		assertThat(property(metadata, "cyclone.websocket.send-time-limit").path("defaultValue").asString())
			.isEqualTo("10s");
		assertThat(property(metadata, "cyclone.websocket.send-buffer-limit").path("defaultValue").asString())
			.isEqualTo("1MB");
		assertThat(property(metadata, "cyclone.websocket.shutdown-grace-period").path("defaultValue").asString())
			.isEqualTo("5s");
	}

	@Test
	void documentsTypes() throws IOException {
		JsonNode metadata = metadata();
		assertThat(property(metadata, "cyclone.websocket.send-buffer-limit").path("type").asString())
			.isEqualTo("org.springframework.util.unit.DataSize");
		assertThat(property(metadata, "cyclone.websocket.send-time-limit").path("type").asString())
			.isEqualTo("java.time.Duration");
		assertThat(property(metadata, "cyclone.websocket.shutdown-grace-period").path("type").asString())
			.isEqualTo("java.time.Duration");
	}

	@Test
	void registersTheAutoConfigurations() {
		List<String> candidates = new ArrayList<>();
		ImportCandidates.load(AutoConfiguration.class, getClass().getClassLoader()).forEach(candidates::add);
		assertThat(candidates).contains(CycloneWebSocketAutoConfiguration.class.getName(),
				CycloneWebSocketReactiveNotice.class.getName(),
				CycloneWebSocketClusterAutoConfiguration.class.getName());
	}

	private static JsonNode property(JsonNode metadata, String name) {
		List<JsonNode> matches = new ArrayList<>();
		metadata.path("properties").forEach((property) -> {
			if (name.equals(property.path("name").asString())) {
				matches.add(property);
			}
		});
		assertThat(matches).as("metadata entries for %s", name).hasSize(1);
		return matches.get(0);
	}

	/** The metadata this module's build wrote, not that of a dependency. */
	private JsonNode metadata() throws IOException {
		List<String> candidates = new ArrayList<>();
		for (URL url : Collections.list(getClass().getClassLoader().getResources(METADATA))) {
			String content;
			try (InputStream in = url.openStream()) {
				content = new String(in.readAllBytes(), StandardCharsets.UTF_8);
			}
			if (url.toString().contains("/target/classes/") || content.contains("\"cyclone.websocket")) {
				candidates.add(content);
			}
		}
		assertThat(candidates).as("%s of this module on the classpath", METADATA).hasSize(1);
		return JsonMapper.builder().build().readTree(candidates.get(0));
	}

}
