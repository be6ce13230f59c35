package dev.plugboard.sdk;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an input field that holds a credential. The modeler form hints to write a
 * {@code {{secrets.NAME}}} placeholder instead of the value, and the runtime masks the field's
 * value in logs and errors even when it was written in clear.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.RECORD_COMPONENT, ElementType.METHOD, ElementType.PARAMETER})
public @interface Secret {}
