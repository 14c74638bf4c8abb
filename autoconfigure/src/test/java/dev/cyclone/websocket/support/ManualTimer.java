package dev.cyclone.websocket.support;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.Delayed;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A timer whose tasks run only when a test fires them, so that timeouts are driven
 * deterministically, without sleeping. Can also play a timer that is already running a
 * task at the moment it is cancelled: see {@link #fireWhenCancelled()}. One-shot tasks
 * only.
 */
public final class ManualTimer extends NeverStoppingExecutorService implements ScheduledExecutorService {

	private final List<Task> tasks = new ArrayList<>();

	private boolean fireWhenCancelled;

	/**
	 * From now on a task that is cancelled before it fired runs instead (and the cancel
	 * fails), as when the timer thread had just started it: the worst interleaving of a
	 * timeout with the event that cancels it.
	 */
	public void fireWhenCancelled() {
		this.fireWhenCancelled = true;
	}

	/**
	 * @return the tasks scheduled so far, fired, cancelled or pending, oldest first
	 */
	public synchronized List<Task> tasks() {
		return List.copyOf(this.tasks);
	}

	/**
	 * @return the tasks neither fired nor cancelled
	 */
	public synchronized List<Task> pending() {
		return this.tasks.stream().filter((task) -> !task.isDone()).toList();
	}

	/**
	 * Fire every pending task, oldest first; tasks they schedule wait for the next call.
	 */
	public void fireAll() {
		pending().forEach(Task::fire);
	}

	@Override
	public synchronized ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
		Task task = new Task(command, unit.toMillis(delay));
		this.tasks.add(task);
		return task;
	}

	@Override
	public <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
		throw new UnsupportedOperationException();
	}

	@Override
	public ScheduledFuture<?> scheduleAtFixedRate(Runnable command, long initialDelay, long period, TimeUnit unit) {
		throw new UnsupportedOperationException();
	}

	@Override
	public ScheduledFuture<?> scheduleWithFixedDelay(Runnable command, long initialDelay, long delay, TimeUnit unit) {
		throw new UnsupportedOperationException();
	}

	@Override
	public void execute(Runnable command) {
		throw new UnsupportedOperationException();
	}

	/** A scheduled one-shot task. */
	public final class Task implements ScheduledFuture<Object> {

		private final Runnable command;

		private final long delayMillis;

		private boolean fired;

		private boolean cancelled;

		Task(Runnable command, long delayMillis) {
			this.command = command;
			this.delayMillis = delayMillis;
		}

		/**
		 * @return the delay it was scheduled with, in milliseconds
		 */
		public long delayMillis() {
			return this.delayMillis;
		}

		/** Run the task now, unless it already ran or was cancelled. */
		public void fire() {
			synchronized (ManualTimer.this) {
				if (isDone()) {
					return;
				}
				this.fired = true;
			}
			this.command.run();
		}

		@Override
		public boolean cancel(boolean mayInterruptIfRunning) {
			synchronized (ManualTimer.this) {
				if (isDone()) {
					return false;
				}
				if (!ManualTimer.this.fireWhenCancelled) {
					this.cancelled = true;
					return true;
				}
			}
			fire();
			return false;
		}

		@Override
		public boolean isCancelled() {
			return this.cancelled;
		}

		@Override
		public boolean isDone() {
			return this.fired || this.cancelled;
		}

		@Override
		public Object get() {
			throw new UnsupportedOperationException();
		}

		@Override
		public Object get(long timeout, TimeUnit unit) {
			throw new UnsupportedOperationException();
		}

		@Override
		public long getDelay(TimeUnit unit) {
			return unit.convert(this.delayMillis, TimeUnit.MILLISECONDS);
		}

		@Override
		public int compareTo(Delayed other) {
			return Long.compare(getDelay(TimeUnit.MILLISECONDS), other.getDelay(TimeUnit.MILLISECONDS));
		}

	}

}
