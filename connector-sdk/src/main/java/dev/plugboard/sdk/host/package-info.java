/**
 * Host-side helpers shared by the runtime, the test kit and the template generator: reading a
 * connector class, resolving secret placeholders and binding variables to an input type.
 * Connector authors do not need these types.
 */
package dev.plugboard.sdk.host;
