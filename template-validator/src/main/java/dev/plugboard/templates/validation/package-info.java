/**
 * Element template validation for the runtime and the build: {@link
 * dev.plugboard.templates.validation.TemplateValidator} checks Camunda 8 and Camunda 7 templates
 * against the official JSON schemas (fetched by npm at build time) plus the rules the Camunda
 * Modeler applies beyond the schema, and reports {@link
 * dev.plugboard.templates.validation.TemplateProblem}s that name the template, the property and
 * the fault.
 */
package dev.plugboard.templates.validation;
