package dev.plugboard.legacy.jms;

import dev.plugboard.sdk.TemplateProperty;

/** What the JMS connector does. */
public enum JmsOperation {
  /** Sends one message. */
  @TemplateProperty(label = "Send")
  SEND,
  /** Sends one message and waits for the reply (temporary queue or reply queue + correlation id). */
  @TemplateProperty(label = "Request and reply")
  REQUEST_REPLY
}
