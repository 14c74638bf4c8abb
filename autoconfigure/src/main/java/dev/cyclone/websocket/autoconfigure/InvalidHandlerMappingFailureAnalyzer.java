package dev.cyclone.websocket.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Reports an {@link InvalidHandlerMappingException} at startup as a description and an
 * action.
 */
class InvalidHandlerMappingFailureAnalyzer extends AbstractFailureAnalyzer<InvalidHandlerMappingException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, InvalidHandlerMappingException cause) {
		return new FailureAnalysis(cause.getDescription(), cause.getAction(), cause);
	}

}
