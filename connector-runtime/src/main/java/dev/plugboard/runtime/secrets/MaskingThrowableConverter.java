package dev.plugboard.runtime.secrets;

import ch.qos.logback.classic.spi.IThrowableProxy;
import org.springframework.boot.logging.logback.ExtendedWhitespaceThrowableProxyConverter;

/**
 * Spring Boot's {@code %wEx} (stack trace after a blank line) with every known secret value
 * masked: exception messages, including those of causes, are written by libraries we do not
 * control.
 */
public class MaskingThrowableConverter extends ExtendedWhitespaceThrowableProxyConverter {

  @Override
  protected String throwableProxyToString(IThrowableProxy tp) {
    return SecretMasker.mask(super.throwableProxyToString(tp));
  }
}
