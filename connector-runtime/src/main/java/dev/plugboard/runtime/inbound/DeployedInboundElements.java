package dev.plugboard.runtime.inbound;

import java.util.Map;

/**
 * Where the inbound layer learns which process elements to serve: the engine's deployed process
 * definitions, read through the engine's own API. One implementation per engine adapter.
 *
 * <p>An implementation returns the inbound elements of the latest version of every process, plus
 * the catch, boundary and receive elements of older versions that still have instances which may
 * wait for them (only the latest version starts instances). {@link InboundManager} compares the
 * answer with its activations every {@code plugboard.inbound.scan-interval}.
 */
public interface DeployedInboundElements {

  /**
   * The elements to serve now.
   *
   * @return elements by {@link InboundElement#activationKey()}, at most one per process id and
   *     element id (the newest version that has it)
   * @throws RuntimeException when the engine cannot be asked; the manager keeps its activations
   *     and asks again at the next scan
   */
  Map<String, InboundElement> current();
}
