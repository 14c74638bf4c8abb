package dev.cyclone.websocket;

import java.security.Principal;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * Which connections a broadcast reaches, in terms every application instance can check on
 * its own connections, so that
 * {@link WebSocketConnections#broadcast(Object, ConnectionSelector)} can cross instances
 * when the cluster is enabled: a handler, a request path, path variables, a principal's
 * name and attributes, all of which a connection must match. Immutable; each
 * {@code with...} method returns a narrower selector.
 *
 * <pre class="code">
 * connections.broadcast(message, ConnectionSelector.handler("chatWebSocket")
 *         .withPathVariable("room", room)
 *         .excluding(connection()));
 * </pre>
 *
 * Attribute criteria compare text: an attribute matches when it is a {@code String},
 * {@code Number}, {@code Boolean} or enum whose text ({@code toString()}, an enum's
 * {@code name()}) equals the value given. The {@link #excluding(WebSocketConnection)
 * excluded} connection is one of the calling instance's own, so it is left out there
 * only.
 */
public final class ConnectionSelector {

	private static final ConnectionSelector ALL = new ConnectionSelector(null, null, Map.of(), null, Map.of(), null);

	private final @Nullable String handler;

	private final @Nullable String path;

	private final Map<String, String> pathVariables;

	private final @Nullable String principal;

	private final Map<String, String> attributes;

	private final @Nullable String excludedId;

	private ConnectionSelector(@Nullable String handler, @Nullable String path, Map<String, String> pathVariables,
			@Nullable String principal, Map<String, String> attributes, @Nullable String excludedId) {
		this.handler = handler;
		this.path = path;
		this.pathVariables = pathVariables;
		this.principal = principal;
		this.attributes = attributes;
		this.excludedId = excludedId;
	}

	/**
	 * @return a selector of every connection
	 */
	public static ConnectionSelector all() {
		return ALL;
	}

	/**
	 * @param handlerName a handler's bean name
	 * @return a selector of that handler's connections
	 */
	public static ConnectionSelector handler(String handlerName) {
		return ALL.withHandler(handlerName);
	}

	/**
	 * @param path a request path, such as {@code /chat/lobby}
	 * @return a selector of the connections on exactly that path
	 */
	public static ConnectionSelector path(String path) {
		return ALL.withPath(path);
	}

	/**
	 * @param name a path variable of the handler's mapping, such as {@code room}
	 * @param value its value
	 * @return a selector of the connections whose path has that value there
	 */
	public static ConnectionSelector pathVariable(String name, String value) {
		return ALL.withPathVariable(name, value);
	}

	/**
	 * @param name a principal's name
	 * @return a selector of the connections authenticated as that principal
	 */
	public static ConnectionSelector principal(String name) {
		return ALL.withPrincipal(name);
	}

	/**
	 * @param name an attribute's name
	 * @param value the text the attribute must have
	 * @return a selector of the connections with that attribute
	 */
	public static ConnectionSelector attribute(String name, String value) {
		return ALL.withAttribute(name, value);
	}

	/**
	 * @param handlerName a handler's bean name
	 * @return this selector narrowed to that handler's connections
	 * @throws IllegalArgumentException when this selector already names another handler
	 */
	public ConnectionSelector withHandler(String handlerName) {
		return new ConnectionSelector(narrow("handler", this.handler, handlerName), this.path, this.pathVariables,
				this.principal, this.attributes, this.excludedId);
	}

	/**
	 * @param path a request path
	 * @return this selector narrowed to the connections on exactly that path
	 * @throws IllegalArgumentException when this selector already names another path
	 */
	public ConnectionSelector withPath(String path) {
		return new ConnectionSelector(this.handler, narrow("path", this.path, path), this.pathVariables, this.principal,
				this.attributes, this.excludedId);
	}

	/**
	 * @param name a path variable
	 * @param value its value
	 * @return this selector narrowed to the connections with that path variable
	 * @throws IllegalArgumentException when this selector already wants another value
	 * there
	 */
	public ConnectionSelector withPathVariable(String name, String value) {
		return new ConnectionSelector(this.handler, this.path, narrow("path variable", this.pathVariables, name, value),
				this.principal, this.attributes, this.excludedId);
	}

	/**
	 * @param name a principal's name
	 * @return this selector narrowed to the connections of that principal
	 * @throws IllegalArgumentException when this selector already names another principal
	 */
	public ConnectionSelector withPrincipal(String name) {
		return new ConnectionSelector(this.handler, this.path, this.pathVariables,
				narrow("principal", this.principal, name), this.attributes, this.excludedId);
	}

	/**
	 * @param name an attribute's name
	 * @param value the text the attribute must have
	 * @return this selector narrowed to the connections with that attribute
	 * @throws IllegalArgumentException when this selector already wants another value for
	 * it
	 */
	public ConnectionSelector withAttribute(String name, String value) {
		return new ConnectionSelector(this.handler, this.path, this.pathVariables, this.principal,
				narrow("attribute", this.attributes, name, value), this.excludedId);
	}

	/**
	 * @param connection a connection of this instance, typically the sender's
	 * @return this selector without that connection
	 */
	public ConnectionSelector excluding(WebSocketConnection connection) {
		return new ConnectionSelector(this.handler, this.path, this.pathVariables, this.principal, this.attributes,
				connection.id());
	}

	/**
	 * @param connection a connection
	 * @return whether this selector selects it
	 */
	public boolean matches(WebSocketConnection connection) {
		return (this.excludedId == null || !this.excludedId.equals(connection.id())) && matchesAnywhere(connection);
	}

	/**
	 * @param connection a connection of another instance than the one that chose it
	 * @return whether this selector selects it, the exclusion aside: the excluded
	 * connection lives on the instance that broadcast
	 */
	public boolean matchesAnywhere(WebSocketConnection connection) {
		if (this.handler != null && !this.handler.equals(connection.handlerName())) {
			return false;
		}
		HandshakeRequest request = connection.request();
		if (this.path != null && !this.path.equals(request.path())) {
			return false;
		}
		for (Map.Entry<String, String> variable : this.pathVariables.entrySet()) {
			if (!variable.getValue().equals(request.pathVariable(variable.getKey()))) {
				return false;
			}
		}
		if (this.principal != null) {
			Principal user = request.principal();
			if (user == null || !this.principal.equals(user.getName())) {
				return false;
			}
		}
		for (Map.Entry<String, String> attribute : this.attributes.entrySet()) {
			if (!attribute.getValue().equals(asText(connection.attributes().get(attribute.getKey())))) {
				return false;
			}
		}
		return true;
	}

	private static @Nullable String asText(@Nullable Object value) {
		if (value instanceof Enum<?> constant) {
			return constant.name();
		}
		if (value instanceof CharSequence || value instanceof Number || value instanceof Boolean) {
			return value.toString();
		}
		return null;
	}

	/**
	 * @return the handler's bean name, {@code null} for any handler
	 */
	public @Nullable String handlerName() {
		return this.handler;
	}

	/**
	 * @return the request path, {@code null} for any path
	 */
	public @Nullable String requestPath() {
		return this.path;
	}

	/**
	 * @return the path variables required, by name
	 */
	public Map<String, String> pathVariables() {
		return this.pathVariables;
	}

	/**
	 * @return the principal's name, {@code null} for any principal or none
	 */
	public @Nullable String principalName() {
		return this.principal;
	}

	/**
	 * @return the attributes required, by name, as text
	 */
	public Map<String, String> attributes() {
		return this.attributes;
	}

	/**
	 * @return the id of the connection left out on the calling instance, {@code null}
	 * when none is
	 */
	public @Nullable String excludedId() {
		return this.excludedId;
	}

	/**
	 * Rebuild a selector from its parts, as another instance published them.
	 * @param handlerName the handler, or {@code null}
	 * @param path the path, or {@code null}
	 * @param pathVariables the path variables
	 * @param principalName the principal's name, or {@code null}
	 * @param attributes the attributes
	 * @return the selector, without exclusion
	 */
	public static ConnectionSelector of(@Nullable String handlerName, @Nullable String path,
			Map<String, String> pathVariables, @Nullable String principalName, Map<String, String> attributes) {
		return new ConnectionSelector(handlerName, path, copy(pathVariables), principalName, copy(attributes), null);
	}

	private static Map<String, String> copy(Map<String, String> entries) {
		return entries.isEmpty() ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(entries));
	}

	private static String narrow(String what, @Nullable String current, String wanted) {
		Assert.notNull(wanted, () -> "The " + what + " must not be null");
		Assert.isTrue(current == null || current.equals(wanted),
				() -> "This selector already selects " + what + " '" + current + "', not '" + wanted + "'");
		return wanted;
	}

	private static Map<String, String> narrow(String what, Map<String, String> current, String name, String value) {
		Assert.notNull(name, () -> "The " + what + "'s name must not be null");
		narrow(what + " " + name, current.get(name), value);
		Map<String, String> narrowed = new LinkedHashMap<>(current);
		narrowed.put(name, value);
		return Collections.unmodifiableMap(narrowed);
	}

	@Override
	public boolean equals(@Nullable Object other) {
		return other instanceof ConnectionSelector that && Objects.equals(this.handler, that.handler)
				&& Objects.equals(this.path, that.path) && this.pathVariables.equals(that.pathVariables)
				&& Objects.equals(this.principal, that.principal) && this.attributes.equals(that.attributes)
				&& Objects.equals(this.excludedId, that.excludedId);
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.handler, this.path, this.pathVariables, this.principal, this.attributes,
				this.excludedId);
	}

	@Override
	public String toString() {
		StringBuilder text = new StringBuilder("ConnectionSelector[");
		append(text, "handler", this.handler);
		append(text, "path", this.path);
		this.pathVariables.forEach((name, value) -> append(text, "{" + name + "}", value));
		append(text, "principal", this.principal);
		this.attributes.forEach((name, value) -> append(text, "attribute " + name, value));
		append(text, "excluding", this.excludedId);
		return text.append(text.charAt(text.length() - 1) == '[' ? "all]" : "]").toString();
	}

	private static void append(StringBuilder text, String what, @Nullable String value) {
		if (value != null) {
			text.append((text.charAt(text.length() - 1) == '[') ? "" : ", ").append(what).append('=').append(value);
		}
	}

}
