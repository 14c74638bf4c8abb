package dev.cyclone.websocket.handshake;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Keeps RFC 6455 connections of the mapped handlers uncompressed: removes the
 * {@code permessage-deflate} offers from the {@code Sec-WebSocket-Extensions} request
 * header before Spring and the container negotiate, so that the container (Tomcat
 * negotiates whatever it supports) never accepts it. Other extensions and other requests
 * pass untouched.
 */
public final class PermessageDeflateFilter extends OncePerRequestFilter {

	private static final String EXTENSIONS_HEADER = "Sec-WebSocket-Extensions";

	private final MappedRequestHandlers requestHandlers;

	/**
	 * Create the filter.
	 * @param requestHandlers finds the request handler of a path
	 */
	public PermessageDeflateFilter(MappedRequestHandlers requestHandlers) {
		this.requestHandlers = requestHandlers;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		boolean offersDeflate = Collections.list(request.getHeaders(EXTENSIONS_HEADER))
			.stream()
			.anyMatch((value) -> value.toLowerCase().contains("permessage-deflate"));
		if (offersDeflate && this.requestHandlers.find(request) != null) {
			chain.doFilter(new WithoutDeflateOffers(request), response);
			return;
		}
		chain.doFilter(request, response);
	}

	/**
	 * The request with the {@code permessage-deflate} offers removed from its extensions
	 * header.
	 */
	private static final class WithoutDeflateOffers extends HttpServletRequestWrapper {

		private final List<String> extensions = new ArrayList<>();

		WithoutDeflateOffers(HttpServletRequest request) {
			super(request);
			for (String value : Collections.list(request.getHeaders(EXTENSIONS_HEADER))) {
				for (String offer : value.split(",")) {
					String name = offer.split(";", 2)[0].trim();
					if (!name.isEmpty() && !"permessage-deflate".equalsIgnoreCase(name)) {
						this.extensions.add(offer.trim());
					}
				}
			}
		}

		@Override
		public String getHeader(String name) {
			if (!EXTENSIONS_HEADER.equalsIgnoreCase(name)) {
				return super.getHeader(name);
			}
			return this.extensions.isEmpty() ? null : String.join(", ", this.extensions);
		}

		@Override
		public Enumeration<String> getHeaders(String name) {
			if (!EXTENSIONS_HEADER.equalsIgnoreCase(name)) {
				return super.getHeaders(name);
			}
			return Collections.enumeration(this.extensions.isEmpty() ? List.of() : List.of(getHeader(name)));
		}

		@Override
		public Enumeration<String> getHeaderNames() {
			List<String> names = Collections.list(super.getHeaderNames());
			if (this.extensions.isEmpty()) {
				names.removeIf(EXTENSIONS_HEADER::equalsIgnoreCase);
			}
			return Collections.enumeration(names);
		}

	}

}
