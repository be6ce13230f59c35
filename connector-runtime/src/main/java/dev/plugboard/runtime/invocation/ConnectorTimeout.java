package dev.plugboard.runtime.invocation;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The timeout of one connector execution on the caller's thread: when it runs out, the thread is
 * interrupted, once, and only while the execution has not finished. {@link #disarm()} after the
 * execution tells whether the timeout fired, and then clears the interrupt that was meant for
 * the connector, so it never reaches the caller's own code.
 */
final class ConnectorTimeout implements Runnable {

  private static final int RUNNING = 0;
  private static final int INTERRUPTING = 1;
  private static final int FIRED = 2;
  private static final int DONE = 3;

  private final Thread thread;
  private final AtomicInteger state = new AtomicInteger(RUNNING);
  private ScheduledFuture<?> timer;

  private ConnectorTimeout(Thread thread) {
    this.thread = thread;
  }

  /**
   * Starts the timeout for the current thread.
   *
   * @param scheduler the timer thread
   * @param timeout the connector's timeout
   * @return the armed timeout
   * @throws java.util.concurrent.RejectedExecutionException when the scheduler is shut down
   */
  static ConnectorTimeout arm(ScheduledExecutorService scheduler, Duration timeout) {
    ConnectorTimeout t = new ConnectorTimeout(Thread.currentThread());
    t.timer = scheduler.schedule(t, timeout.toNanos(), TimeUnit.NANOSECONDS);
    return t;
  }

  @Override
  public void run() {
    if (state.compareAndSet(RUNNING, INTERRUPTING)) {
      thread.interrupt();
      state.set(FIRED);
    }
  }

  /**
   * Ends the timeout; call on the thread that armed it, after the execution.
   *
   * @return true when it fired (the execution counts as timed out)
   */
  boolean disarm() {
    if (state.compareAndSet(RUNNING, DONE)) {
      timer.cancel(false);
      return false;
    }
    while (state.get() == INTERRUPTING) {
      Thread.onSpinWait();
    }
    // The interrupt was for the connector; the caller's code must not see it.
    Thread.interrupted();
    return true;
  }
}
