package dev.cyclone.websocket;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import dev.cyclone.websocket.internal.CompactHeaders;

import org.springframework.http.HttpHeaders;
import org.springframework.util.CollectionUtils;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.util.UriComponentsBuilder;
import org.springframework.web.util.UriUtils;

/**
 * The HTTP request that opened a connection, as the handler sees it: URI, headers, query
 * parameters, cookies, principal, path variables of the mapped pattern and the peer's
 * address. Immutable.
 */
public final class HandshakeRequest {

	/**
	 * The request URI as text: a parsed {@link URI} costs an idle connection far more.
	 */
	private final String uri;

	private volatile @Nullable String path;

	private final HttpHeaders headers;

	private volatile @Nullable MultiValueMap<String, String> queryParameters;

	private volatile @Nullable Map<String, String> cookies;

	private final @Nullable Principal principal;

	private final Map<String, String> pathVariables;

	private final @Nullable InetSocketAddress remoteAddress;

	/**
	 * Create a request. Query parameters come from the URI and cookies from the
	 * {@code Cookie} headers, both parsed when first asked for: an idle connection keeps
	 * only what it was given.
	 * @param uri the request URI, with its query
	 * @param headers the request headers, copied (their values are shared): the handler
	 * may read them long after the request is gone
	 * @param principal the authenticated user, or {@code null}
	 * @param pathVariables the variables of the matched path pattern
	 * ({@code /chat/{room}} gives {@code room})
	 * @param remoteAddress the peer's address, or {@code null} when unknown
	 */
	public HandshakeRequest(URI uri, HttpHeaders headers, @Nullable Principal principal,
			Map<String, String> pathVariables, @Nullable InetSocketAddress remoteAddress) {
		this.uri = uri.toString();
		this.headers = CompactHeaders.copyOf(headers);
		this.principal = principal;
		this.pathVariables = pathVariables.isEmpty() ? Map.of()
				: Collections.unmodifiableMap(new LinkedHashMap<>(pathVariables));
		this.remoteAddress = remoteAddress;
	}

	private static MultiValueMap<String, String> parseQuery(URI uri) {
		MultiValueMap<String, String> raw = UriComponentsBuilder.fromUri(uri).build().getQueryParams();
		MultiValueMap<String, String> decoded = new LinkedMultiValueMap<>();
		raw.forEach((name, values) -> values
			.forEach((value) -> decoded.add(decode(name), (value != null) ? decode(value) : "")));
		return CollectionUtils.unmodifiableMultiValueMap(decoded);
	}

	private static String decode(String component) {
		return UriUtils.decode(component.replace('+', ' '), StandardCharsets.UTF_8);
	}

	private static Map<String, String> parseCookies(List<String> cookieHeaders) {
		Map<String, String> cookies = new LinkedHashMap<>();
		for (String header : cookieHeaders) {
			for (String pair : header.split(";")) {
				int equals = pair.indexOf('=');
				if (equals > 0) {
					cookies.putIfAbsent(pair.substring(0, equals).trim(), unquote(pair.substring(equals + 1).trim()));
				}
			}
		}
		return Collections.unmodifiableMap(cookies);
	}

	private static String unquote(String value) {
		boolean quoted = value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"");
		return quoted ? value.substring(1, value.length() - 1) : value;
	}

	/**
	 * @return the request URI, with its query
	 */
	public URI uri() {
		return URI.create(this.uri);
	}

	/**
	 * @return the request path
	 */
	public String path() {
		String known = this.path;
		if (known == null) {
			known = uri().getPath();
			this.path = known;
		}
		return known;
	}

	/**
	 * @return the request headers, read-only
	 */
	public HttpHeaders headers() {
		return this.headers;
	}

	/**
	 * The first value of a header.
	 * @param name the header name, in any case
	 * @return the value, or {@code null} when absent
	 */
	public @Nullable String header(String name) {
		return this.headers.getFirst(name);
	}

	/**
	 * @return the {@code Origin} header, or {@code null} when the client sent none
	 */
	public @Nullable String origin() {
		return this.headers.getOrigin();
	}

	/**
	 * @return the decoded query parameters, read-only
	 */
	public MultiValueMap<String, String> queryParameters() {
		MultiValueMap<String, String> parsed = this.queryParameters;
		if (parsed == null) {
			parsed = parseQuery(uri());
			this.queryParameters = parsed;
		}
		return parsed;
	}

	/**
	 * The first value of a query parameter.
	 * @param name the parameter name
	 * @return the decoded value, or {@code null} when absent
	 */
	public @Nullable String queryParameter(String name) {
		return queryParameters().getFirst(name);
	}

	/**
	 * @return the cookies sent with the handshake, by name, read-only
	 */
	public Map<String, String> cookies() {
		Map<String, String> parsed = this.cookies;
		if (parsed == null) {
			parsed = parseCookies(this.headers.getOrEmpty(HttpHeaders.COOKIE));
			this.cookies = parsed;
		}
		return parsed;
	}

	/**
	 * A cookie's value.
	 * @param name the cookie name
	 * @return the value, or {@code null} when absent
	 */
	public @Nullable String cookie(String name) {
		return cookies().get(name);
	}

	/**
	 * @return the authenticated user, or {@code null}
	 */
	public @Nullable Principal principal() {
		return this.principal;
	}

	/**
	 * @return the variables of the matched path pattern, read-only
	 */
	public Map<String, String> pathVariables() {
		return this.pathVariables;
	}

	/**
	 * A variable of the matched path pattern.
	 * @param name the variable name ({@code room} in {@code /chat/{room}})
	 * @return the value, or {@code null} when the pattern has no such variable
	 */
	public @Nullable String pathVariable(String name) {
		return this.pathVariables.get(name);
	}

	/**
	 * @return the peer's address, or {@code null} when unknown
	 */
	public @Nullable InetSocketAddress remoteAddress() {
		return this.remoteAddress;
	}

	@Override
	public String toString() {
		return "HandshakeRequest[" + this.uri + "]";
	}

}
