package dev.plugboard.legacy.jms;

import dev.plugboard.sdk.TemplateProperty;

/** Queue (one consumer gets each message) or topic (every subscriber does). */
public enum DestinationType {
  /** Point to point. */
  @TemplateProperty(label = "Queue")
  QUEUE,
  /** Publish and subscribe. */
  @TemplateProperty(label = "Topic")
  TOPIC
}
