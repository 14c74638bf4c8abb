package dev.cyclone.websocket.internal;

import java.io.Serializable;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.util.MultiValueMap;

/**
 * Read-only headers of a handshake, kept for the life of a connection at the cost of one
 * array: names and values in request order, the values shared with the request's, the
 * usual names and values shared by every connection. Lookups by name ignore case and scan
 * the array, which is short. Changing them throws {@link UnsupportedOperationException}.
 * An idle connection so keeps a few dozen bytes beside the values instead of a map entry,
 * a list and a lower-case key per header. Thread-safe.
 */
public final class CompactHeaders extends HttpHeaders {

	private static final long serialVersionUID = 1L;

	/**
	 * Header names as handshakes spell them, shared instead of one string per request.
	 */
	private static final Map<String, String> USUAL_NAMES = Stream
		.of("Host", "Upgrade", "Connection", "Origin", "Sec-WebSocket-Key", "Sec-WebSocket-Key1", "Sec-WebSocket-Key2",
				"Sec-WebSocket-Version", "Sec-WebSocket-Protocol", "Sec-WebSocket-Extensions", "WebSocket-Protocol",
				"Sec-WebSocket-Origin", "Cookie", "User-Agent", "Accept", "Accept-Encoding", "Accept-Language",
				"Cache-Control", "Pragma", "Authorization", "X-Forwarded-For", "X-Forwarded-Proto", "X-Forwarded-Host",
				"X-Real-IP", "Forwarded")
		.flatMap((name) -> Stream.of(name, name.toLowerCase(java.util.Locale.ROOT)))
		.distinct()
		.collect(Collectors.toUnmodifiableMap(Function.identity(), Function.identity()));

	/** Header values every handshake of a draft sends, shared the same way. */
	private static final Map<String, String> USUAL_VALUES = Stream
		.of("WebSocket", "websocket", "Upgrade", "upgrade", "keep-alive, Upgrade", "Keep-Alive, Upgrade", "13", "8")
		.collect(Collectors.toUnmodifiableMap(Function.identity(), Function.identity()));

	private CompactHeaders(Lines lines) {
		super(lines);
	}

	/**
	 * Copy headers, which may be a live view of a request the container will recycle.
	 * @param headers the headers; returned as they are when already compact
	 * @return the copy
	 */
	public static CompactHeaders copyOf(HttpHeaders headers) {
		if (headers instanceof CompactHeaders compact) {
			return compact;
		}
		List<String> namesAndValues = new ArrayList<>();
		headers.forEach((name, values) -> {
			for (String value : values) {
				namesAndValues.add(USUAL_NAMES.getOrDefault(name, name));
				namesAndValues.add((value != null) ? USUAL_VALUES.getOrDefault(value, value) : null);
			}
		});
		return new CompactHeaders(new Lines(namesAndValues.toArray(String[]::new)));
	}

	/**
	 * The headers as one read-only multi-value map over the array: what
	 * {@link HttpHeaders} reads and writes through.
	 */
	private static final class Lines extends AbstractMap<String, List<String>>
			implements MultiValueMap<String, String>, Serializable {

		private static final long serialVersionUID = 1L;

		private final String[] namesAndValues;

		Lines(String[] namesAndValues) {
			this.namesAndValues = namesAndValues;
		}

		@Override
		public @Nullable String getFirst(String name) {
			for (int i = 0; i < this.namesAndValues.length; i += 2) {
				if (this.namesAndValues[i].equalsIgnoreCase(name)) {
					return this.namesAndValues[i + 1];
				}
			}
			return null;
		}

		@Override
		public @Nullable List<String> get(Object name) {
			List<String> values = null;
			for (int i = 0; i < this.namesAndValues.length; i += 2) {
				if (name instanceof String text && this.namesAndValues[i].equalsIgnoreCase(text)) {
					values = (values != null) ? values : new ArrayList<>(1);
					values.add(this.namesAndValues[i + 1]);
				}
			}
			return (values != null) ? Collections.unmodifiableList(values) : null;
		}

		@Override
		public boolean containsKey(Object name) {
			return get(name) != null;
		}

		@Override
		public Set<Entry<String, List<String>>> entrySet() {
			Map<String, List<String>> grouped = new LinkedHashMap<>();
			for (int i = 0; i < this.namesAndValues.length; i += 2) {
				String name = this.namesAndValues[i];
				String known = grouped.keySet().stream().filter(name::equalsIgnoreCase).findFirst().orElse(name);
				grouped.computeIfAbsent(known, (key) -> new ArrayList<>()).add(this.namesAndValues[i + 1]);
			}
			grouped.replaceAll((name, values) -> Collections.unmodifiableList(values));
			return Collections.unmodifiableMap(grouped).entrySet();
		}

		@Override
		public void add(String name, @Nullable String value) {
			throw readOnly();
		}

		@Override
		public void addAll(String name, List<? extends String> values) {
			throw readOnly();
		}

		@Override
		public void addAll(MultiValueMap<String, String> values) {
			throw readOnly();
		}

		@Override
		public void set(String name, @Nullable String value) {
			throw readOnly();
		}

		@Override
		public void setAll(Map<String, String> values) {
			throw readOnly();
		}

		@Override
		public Map<String, String> toSingleValueMap() {
			Map<String, String> single = new LinkedHashMap<>();
			entrySet().forEach((entry) -> single.put(entry.getKey(), entry.getValue().get(0)));
			return Collections.unmodifiableMap(single);
		}

		private static UnsupportedOperationException readOnly() {
			return new UnsupportedOperationException("The headers of a handshake are read-only");
		}

	}

}
