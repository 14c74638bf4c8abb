package dev.cyclone.websocket.support;

/**
 * Runs every task at once on the calling thread, so that what a test starts has happened
 * when the call returns.
 */
public final class DirectExecutorService extends NeverStoppingExecutorService {

	@Override
	public void execute(Runnable command) {
		command.run();
	}

}
