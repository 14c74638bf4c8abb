package dev.cyclone.websocket.support;

import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.Executor;

/**
 * An executor whose tasks run only when a test says so, and which tells whether the
 * current code runs in one of its tasks.
 */
public final class ManualExecutor implements Executor {

	private final Queue<Runnable> tasks = new ArrayDeque<>();

	private boolean running;

	@Override
	public synchronized void execute(Runnable command) {
		this.tasks.add(command);
	}

	/**
	 * @return how many tasks wait
	 */
	public synchronized int queued() {
		return this.tasks.size();
	}

	/** Run the queued tasks, and those they queue, on the calling thread. */
	public void runAll() {
		Runnable next;
		while ((next = poll()) != null) {
			this.running = true;
			try {
				next.run();
			}
			finally {
				this.running = false;
			}
		}
	}

	/**
	 * @return whether the caller runs inside one of this executor's tasks
	 */
	public boolean isRunningTask() {
		return this.running;
	}

	private synchronized Runnable poll() {
		return this.tasks.poll();
	}

}
