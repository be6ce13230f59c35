package dev.plugboard.sdk;

import java.time.Duration;

/**
 * An inbound connector that the runtime calls at an interval, for sources that cannot push
 * (an HTTP API, an FTP folder, a database table).
 *
 * <p>The runtime calls {@link #poll} from one thread per activation, never concurrently, waiting
 * {@link #interval} between the end of one poll and the start of the next. Deduplicate what was
 * seen with the message id expression of the template, or in {@link #poll} itself.
 *
 * @param <P> the properties type
 */
public interface PollingConnector<P> extends InboundConnector<P> {

  /**
   * How long to wait between polls.
   *
   * @param properties the activation's properties
   * @return the interval, at least 100 ms
   */
  Duration interval(P properties);

  /**
   * Looks for new events once and correlates each through the context.
   *
   * @param context the activation's context
   * @throws Exception logged and reported in the activation's health; polling goes on
   */
  void poll(InboundContext context) throws Exception;
}
