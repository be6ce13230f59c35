package dev.plugboard.legacy.soap;

import dev.plugboard.sdk.TemplateProperty;

/** What a SOAP fault becomes. */
public enum FaultHandling {
  /** A BPMN error whose code is the fault code's local name (e.g. {@code AccountUnknown}). */
  @TemplateProperty(label = "BPMN error (code = fault code)")
  BPMN_ERROR,
  /** A connector failure with code {@code SOAP_FAULT}: an incident unless the errorExpression maps it. */
  @TemplateProperty(label = "Incident (SOAP_FAULT)")
  INCIDENT
}
