package dev.plugboard.runtime.engine.operaton;

import org.operaton.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.operaton.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;

/**
 * Engine settings the embedded engine needs for connector tasks.
 *
 * <p>Connector results and inputs are JSON-shaped (maps, lists, strings, numbers). Without a JSON
 * data format on the class path the engine stores such object variables with Java serialization,
 * which it refuses by default; it is switched on here, restricted by the engine's deserialization
 * type validation to {@code java.util}, {@code java.lang}, {@code java.math} and
 * {@code java.time} types, so a client of {@code /engine-rest} cannot smuggle other classes in.
 *
 * <p>DMN decision tables use the engine's JUEL-based FEEL (legacy behaviour): the Scala FEEL
 * bridge is left out of the runtime because its shaded FEEL engine clashes with the one the
 * invocation pipeline uses.
 */
public class PlugboardEnginePlugin extends AbstractProcessEnginePlugin {

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    configuration.setJavaSerializationFormatEnabled(true);
    configuration.setDeserializationTypeValidationEnabled(true);
    configuration.setDeserializationAllowedPackages("java.util,java.lang,java.math,java.time");
    // The Scala FEEL bridge of Operaton's DMN engine is excluded from the runtime (its shaded
    // feel-engine 1.19 clashes with the pipeline's 1.21): DMN uses the JUEL-based FEEL instead.
    configuration.setDmnFeelEnableLegacyBehavior(true);
  }
}
