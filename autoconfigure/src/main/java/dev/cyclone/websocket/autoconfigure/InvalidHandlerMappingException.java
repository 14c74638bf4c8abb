package dev.cyclone.websocket.autoconfigure;

/**
 * The handler configuration cannot work: an unknown or wrongly typed bean, a path mapped
 * twice, an empty path list, or a cyclone handler declared so that it cannot give a fresh
 * instance per connection. Startup fails with it;
 * {@link InvalidHandlerMappingFailureAnalyzer} tells what to change.
 */
public class InvalidHandlerMappingException extends IllegalStateException {

	private final String description;

	private final String action;

	/**
	 * Create the exception.
	 * @param description what is wrong
	 * @param action what to change
	 */
	public InvalidHandlerMappingException(String description, String action) {
		super(description + ". " + action);
		this.description = description;
		this.action = action;
	}

	/**
	 * @return what is wrong
	 */
	public String getDescription() {
		return this.description;
	}

	/**
	 * @return what to change
	 */
	public String getAction() {
		return this.action;
	}

}
