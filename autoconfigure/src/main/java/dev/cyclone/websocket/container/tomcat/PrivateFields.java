package dev.cyclone.websocket.container.tomcat;

import java.lang.reflect.Field;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Tomcat's private fields the container layer reads or sets, each looked up once. A field
 * that a Tomcat release renamed or removed is logged once, with what the starter does
 * without it, and is {@code null}: every caller has a way that needs no private field.
 */
final class PrivateFields {

	private static final Log logger = LogFactory.getLog(PrivateFields.class);

	private PrivateFields() {
	}

	/**
	 * Look a field up and make it accessible.
	 * @param type the class that declares it
	 * @param name its name
	 * @param without what the starter does without it, for the log line
	 * @return the field, or {@code null} when this Tomcat has no such field
	 */
	static @Nullable Field find(Class<?> type, String name, String without) {
		try {
			Field field = type.getDeclaredField(name);
			field.setAccessible(true);
			return field;
		}
		catch (ReflectiveOperationException | RuntimeException ex) {
			logger.warn(without + ": this Tomcat has no field " + type.getName() + "." + name + " (" + ex + ")");
			return null;
		}
	}

}
