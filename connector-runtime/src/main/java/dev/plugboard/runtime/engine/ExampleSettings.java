package dev.plugboard.runtime.engine;

import java.time.Duration;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the example processes in {@code processes/} send their requests and mails
 * ({@code plugboard.examples.*}). The Camunda 7 models read them as the Spring bean
 * {@code examples}, for example {@code ${examples.stockApiUrl}}; the {@code demo} profile points
 * them at its in-process WireMock and GreenMail stand-ins.
 *
 * @param stockApiUrl base URL of the stock service ({@code POST /reservations} per order line)
 * @param collectionsApiUrl base URL of the collections service ({@code POST /escalations})
 * @param smtpHost SMTP host for the example mails
 * @param smtpPort SMTP port
 * @param smtpSecurity {@code NONE}, {@code STARTTLS} or {@code TLS}
 * @param mailFrom the sender of the example mails
 * @param reminderAfter invoice-escalation: how long an invoice may stay unpaid before the
 *     reminder (a process variable {@code reminderAfter} overrides it per instance)
 * @param escalateAfter invoice-escalation: how long after the reminder it is escalated (process
 *     variable {@code escalateAfter} overrides it)
 */
public record ExampleSettings(
    @DefaultValue("http://localhost:8089/stock") String stockApiUrl,
    @DefaultValue("http://localhost:8089/collections") String collectionsApiUrl,
    @DefaultValue("localhost") String smtpHost,
    @DefaultValue("3025") int smtpPort,
    @DefaultValue("NONE") String smtpSecurity,
    @DefaultValue("Plugboard Shop <shop@plugboard.example>") String mailFrom,
    @DefaultValue("P7D") Duration reminderAfter,
    @DefaultValue("P7D") Duration escalateAfter) {

  // JavaBean getters: JUEL in the models (${examples.stockApiUrl}) reads bean properties only.

  /** Same as {@link #stockApiUrl()}. */
  public String getStockApiUrl() {
    return stockApiUrl;
  }

  /** Same as {@link #collectionsApiUrl()}. */
  public String getCollectionsApiUrl() {
    return collectionsApiUrl;
  }

  /** Same as {@link #smtpHost()}. */
  public String getSmtpHost() {
    return smtpHost;
  }

  /** Same as {@link #smtpPort()}. */
  public int getSmtpPort() {
    return smtpPort;
  }

  /** Same as {@link #smtpSecurity()}. */
  public String getSmtpSecurity() {
    return smtpSecurity;
  }

  /** Same as {@link #mailFrom()}. */
  public String getMailFrom() {
    return mailFrom;
  }

  /** The reminder delay as the ISO-8601 text a BPMN timer takes. */
  public String reminderAfterIso() {
    return reminderAfter.toString();
  }

  /** The escalation delay as the ISO-8601 text a BPMN timer takes. */
  public String escalateAfterIso() {
    return escalateAfter.toString();
  }
}
