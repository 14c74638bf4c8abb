package dev.cyclone.websocket.handshake;

import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.http.server.ServerHttpRequest;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.util.WebUtils;

/**
 * Which browser origins may open a connection. Same-origin requests, and requests without
 * an {@code Origin} header (non-browser clients), are always allowed; other origins only
 * when they match an allowed origin ({@code *} allows all, {@code null} admits the
 * {@code Origin: null} of sandboxed and TV applications) or an allowed origin pattern
 * ({@code https://*.example.com}). With nothing configured the policy is same-origin
 * only.
 */
public final class OriginPolicy {

	private final @Nullable CorsConfiguration allowed;

	private final String description;

	/**
	 * Create a policy.
	 * @param allowedOrigins exact origins, {@code *} or {@code null}
	 * @param allowedOriginPatterns origin patterns
	 */
	public OriginPolicy(List<String> allowedOrigins, List<String> allowedOriginPatterns) {
		if (allowedOrigins.isEmpty() && allowedOriginPatterns.isEmpty()) {
			this.allowed = null;
			this.description = "same origin only";
		}
		else {
			CorsConfiguration configuration = new CorsConfiguration();
			configuration.setAllowedOrigins(allowedOrigins);
			configuration.setAllowedOriginPatterns(allowedOriginPatterns);
			this.allowed = configuration;
			this.description = "same origin, " + allowedOrigins + ", patterns " + allowedOriginPatterns;
		}
	}

	/**
	 * Whether the request's origin may connect.
	 * @param request the handshake request
	 * @return {@code true} when allowed
	 */
	public boolean allows(ServerHttpRequest request) {
		String origin = request.getHeaders().getOrigin();
		if (origin == null || WebUtils.isSameOrigin(request)) {
			return true;
		}
		return this.allowed != null && this.allowed.checkOrigin(origin) != null;
	}

	@Override
	public String toString() {
		return this.description;
	}

}
