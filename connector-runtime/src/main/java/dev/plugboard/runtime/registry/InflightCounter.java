package dev.plugboard.runtime.registry;

import java.time.Duration;

/**
 * Executions in progress of one plugin version. The pipeline calls {@link #enter()} before it
 * runs plugin code and {@link #exit()} after; the plugin layer calls {@link #close()} when the
 * version is replaced or removed, then {@link #awaitIdle} to drain.
 */
public final class InflightCounter {

  private int count;
  private boolean closed;

  /**
   * Registers one execution.
   *
   * @return false when the version no longer takes new work: look the type up again (a
   *     replacement may have taken over) and do not call {@link #exit()}
   */
  public synchronized boolean enter() {
    if (closed) {
      return false;
    }
    count++;
    return true;
  }

  /** Ends one execution registered with {@link #enter()}. */
  public synchronized void exit() {
    count--;
    if (count == 0) {
      notifyAll();
    }
  }

  /** Stops taking new work. */
  public synchronized void close() {
    closed = true;
  }

  /**
   * Whether {@link #close()} was called.
   *
   * @return true when closed
   */
  public synchronized boolean closed() {
    return closed;
  }

  /**
   * Executions in progress.
   *
   * @return the count
   */
  public synchronized int count() {
    return count;
  }

  /**
   * Waits until no execution is in progress.
   *
   * @param deadline the longest wait
   * @return true when idle, false when the deadline passed first
   * @throws InterruptedException when interrupted
   */
  public synchronized boolean awaitIdle(Duration deadline) throws InterruptedException {
    long end = System.nanoTime() + deadline.toNanos();
    while (count > 0) {
      long left = end - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      wait(Math.max(1, left / 1_000_000));
    }
    return true;
  }
}
