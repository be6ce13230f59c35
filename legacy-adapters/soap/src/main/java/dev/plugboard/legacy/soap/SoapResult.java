package dev.plugboard.legacy.soap;

import java.util.Map;

/**
 * Result of the SOAP connector.
 *
 * @param body the response body's first element as JSON (elements to properties, repeated
 *     elements to lists, text-only elements to strings, attributes as {@code @name})
 * @param xml the response body's first element as XML text
 * @param httpStatus the HTTP status
 */
public record SoapResult(Map<String, Object> body, String xml, int httpStatus) {}
