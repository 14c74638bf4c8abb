package dev.cyclone.websocket.wire;

import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.lang.reflect.InaccessibleObjectException;
import java.lang.reflect.Modifier;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The heap the starter holds: the objects reachable from its beans through instance
 * fields and array elements, with a table by class. The walk does not enter container,
 * Spring, Jackson or Micrometer objects (they are the container's and the framework's
 * cost, measured from outside by {@code benchmarks/run-scale.sh}), except Spring's data
 * types (headers, maps, messages: the starter's copies are its own cost), nor classes,
 * class loaders, threads and enum constants. What connections cost is the difference
 * between two measures taken with more and fewer connections open. Sizes are those of a
 * 64-bit HotSpot with compressed references: a 12-byte object header, a 16-byte array
 * header, fields at their own width, 8-byte alignment. Deterministic: no timing, no
 * garbage collector.
 */
final class OwnedFootprint {

	private static final List<String> BOUNDARY_PACKAGES = List.of("org.springframework.", "org.apache.",
			"org.eclipse.jetty.", "jakarta.", "tools.jackson.", "com.fasterxml.", "io.micrometer.",
			"java.lang.reflect.", "java.lang.invoke.", "jdk.internal.reflect.", "java.util.Locale", "sun.util.");

	/**
	 * Spring's data types inside the boundary packages: the starter's copies are its
	 * cost.
	 */
	private static final List<String> DATA_PACKAGES = List.of("org.springframework.util.",
			"org.springframework.http.HttpHeaders", "org.springframework.http.ReadOnlyHttpHeaders",
			"org.springframework.web.socket.TextMessage", "org.springframework.web.socket.BinaryMessage");

	private static final Map<Class<?>, List<Field>> FIELDS = new ConcurrentHashMap<>();

	private final long bytes;

	private final Map<String, long[]> byClass;

	private OwnedFootprint(long bytes, Map<String, long[]> byClass) {
		this.bytes = bytes;
		this.byClass = byClass;
	}

	/**
	 * Measure what the roots reach.
	 * @param roots the starter's beans
	 * @return the footprint
	 */
	static OwnedFootprint of(Collection<?> roots) {
		long total = 0;
		Map<String, long[]> byClass = new TreeMap<>();
		for (Object object : reachable(roots)) {
			long size = shallowSize(object);
			total += size;
			long[] entry = byClass.computeIfAbsent(object.getClass().getName(), (name) -> new long[2]);
			entry[0]++;
			entry[1] += size;
		}
		return new OwnedFootprint(total, byClass);
	}

	/**
	 * What grew since an earlier measure, per connection.
	 * @param earlier the measure taken before the connections opened
	 * @param connections how many connections opened in between
	 * @return the growth divided by {@code connections}
	 */
	OwnedFootprint perConnectionSince(OwnedFootprint earlier, int connections) {
		Map<String, long[]> growth = new TreeMap<>();
		this.byClass.forEach((name, entry) -> {
			long[] before = earlier.byClass.getOrDefault(name, new long[2]);
			if (entry[1] != before[1]) {
				growth.put(name,
						new long[] { (entry[0] - before[0]) / connections, (entry[1] - before[1]) / connections });
			}
		});
		return new OwnedFootprint((this.bytes - earlier.bytes) / connections, growth);
	}

	/**
	 * @return the estimated bytes
	 */
	long bytes() {
		return this.bytes;
	}

	/**
	 * @return one line per class, largest first: bytes, instances, class
	 */
	@Override
	public String toString() {
		List<Map.Entry<String, long[]>> entries = new ArrayList<>(this.byClass.entrySet());
		entries.sort(Comparator.comparingLong((Map.Entry<String, long[]> entry) -> entry.getValue()[1]).reversed());
		StringBuilder table = new StringBuilder(this.bytes + " bytes:\n");
		for (Map.Entry<String, long[]> entry : entries) {
			table.append(String.format("%8d B %4d x %s%n", entry.getValue()[1], entry.getValue()[0], entry.getKey()));
		}
		return table.toString();
	}

	private static Set<Object> reachable(Collection<?> roots) {
		Set<Object> seen = Collections.newSetFromMap(new IdentityHashMap<>());
		Deque<Object> pending = new ArrayDeque<>(roots);
		while (!pending.isEmpty()) {
			Object object = pending.pop();
			if (isBoundary(object) || !seen.add(object)) {
				continue;
			}
			Class<?> type = object.getClass();
			if (type.isArray()) {
				if (!type.getComponentType().isPrimitive()) {
					for (int i = 0; i < Array.getLength(object); i++) {
						push(pending, Array.get(object, i));
					}
				}
				continue;
			}
			for (Field field : referenceFields(type)) {
				push(pending, read(field, object));
			}
		}
		return seen;
	}

	private static void push(Deque<Object> pending, Object value) {
		if (value != null) {
			pending.push(value);
		}
	}

	private static boolean isBoundary(Object object) {
		if (object instanceof Class || object instanceof ClassLoader || object instanceof Thread
				|| object instanceof Enum || object instanceof Module) {
			return true;
		}
		String name = object.getClass().getName();
		return BOUNDARY_PACKAGES.stream().anyMatch(name::startsWith)
				&& DATA_PACKAGES.stream().noneMatch(name::startsWith);
	}

	private static Object read(Field field, Object object) {
		try {
			return field.get(object);
		}
		catch (IllegalAccessException ex) {
			throw new IllegalStateException("Cannot read " + field, ex);
		}
	}

	private static List<Field> referenceFields(Class<?> type) {
		return FIELDS.computeIfAbsent(type,
				(key) -> instanceFields(key).stream()
					.filter((field) -> !field.getType().isPrimitive())
					.peek(OwnedFootprint::open)
					.toList());
	}

	private static void open(Field field) {
		try {
			field.setAccessible(true);
		}
		catch (InaccessibleObjectException ex) {
			throw new IllegalStateException(
					"Cannot open " + field + ": add --add-opens " + field.getDeclaringClass().getModule().getName()
							+ "/" + field.getDeclaringClass().getPackageName() + "=ALL-UNNAMED to the test JVM",
					ex);
		}
	}

	private static List<Field> instanceFields(Class<?> type) {
		List<Field> fields = new ArrayList<>();
		for (Class<?> current = type; current != null; current = current.getSuperclass()) {
			for (Field field : current.getDeclaredFields()) {
				if (!Modifier.isStatic(field.getModifiers())) {
					fields.add(field);
				}
			}
		}
		return fields;
	}

	private static long shallowSize(Object object) {
		Class<?> type = object.getClass();
		if (type.isArray()) {
			return align(16 + (long) Array.getLength(object) * width(type.getComponentType()));
		}
		long size = 12;
		for (Field field : instanceFields(type)) {
			size += width(field.getType());
		}
		return align(size);
	}

	private static int width(Class<?> type) {
		if (type == long.class || type == double.class) {
			return 8;
		}
		if (type == int.class || type == float.class) {
			return 4;
		}
		if (type == short.class || type == char.class) {
			return 2;
		}
		if (type == byte.class || type == boolean.class) {
			return 1;
		}
		return 4;
	}

	private static long align(long size) {
		return (size + 7) & ~7L;
	}

}
