package dev.plugboard.legacy.soap;

import dev.plugboard.sdk.TemplateProperty;

/** The SOAP version, which decides the envelope namespace and the HTTP content type. */
public enum SoapVersion {
  /** SOAP 1.1: {@code text/xml} and a {@code SOAPAction} header. */
  @TemplateProperty(label = "SOAP 1.1")
  SOAP_11("http://schemas.xmlsoap.org/soap/envelope/"),
  /** SOAP 1.2: {@code application/soap+xml} with the action in the content type. */
  @TemplateProperty(label = "SOAP 1.2")
  SOAP_12("http://www.w3.org/2003/05/soap-envelope");

  private final String namespace;

  SoapVersion(String namespace) {
    this.namespace = namespace;
  }

  /** The envelope namespace. */
  public String namespace() {
    return namespace;
  }
}
