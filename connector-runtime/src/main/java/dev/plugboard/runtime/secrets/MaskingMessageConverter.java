package dev.plugboard.runtime.secrets;

import ch.qos.logback.classic.pattern.MessageConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;

/**
 * Logback's {@code %m}/{@code %msg}/{@code %message} with every known secret value masked;
 * {@code logback-spring.xml} of the runtime puts it in place of the standard converter, so every
 * line of every logger (connector code included) is masked.
 */
public class MaskingMessageConverter extends MessageConverter {

  @Override
  public String convert(ILoggingEvent event) {
    return SecretMasker.mask(super.convert(event));
  }
}
