package dev.plugboard.runtime.plugins;

import org.pf4j.Plugin;

/**
 * The plugin object of a jar without {@code Plugin-Class}: most connector plugins need no start
 * or stop code of their own, the runtime starts their connectors.
 */
public final class NoOpPlugin extends Plugin {}
