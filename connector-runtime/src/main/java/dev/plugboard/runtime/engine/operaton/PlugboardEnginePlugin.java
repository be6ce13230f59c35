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
 */
public class PlugboardEnginePlugin extends AbstractProcessEnginePlugin {

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    configuration.setJavaSerializationFormatEnabled(true);
    configuration.setDeserializationTypeValidationEnabled(true);
    configuration.setDeserializationAllowedPackages("java.util,java.lang,java.math,java.time");
  }
}
