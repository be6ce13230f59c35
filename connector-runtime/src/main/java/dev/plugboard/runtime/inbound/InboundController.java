package dev.plugboard.runtime.inbound;

import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/inbound}: the active inbound activations (element, definition version,
 * connector type, plugin, webhook path, health) and the elements that should be served but are
 * not, with the reason. Read-only, so no admin token is needed; it shows no property values.
 */
@RestController
public class InboundController {

  private final ObjectProvider<InboundManager> manager;

  /**
   * The controller.
   *
   * @param manager the inbound layer, absent when it does not run for the chosen engine
   */
  public InboundController(ObjectProvider<InboundManager> manager) {
    this.manager = manager;
  }

  /**
   * The answer of {@code GET /api/inbound}.
   *
   * @param enabled whether the inbound layer runs
   * @param activations the active activations
   * @param failed the elements not activated, with the reason
   */
  public record InboundState(boolean enabled, List<InboundManager.ActivationView> activations,
      List<InboundManager.FailedActivation> failed) {}

  /**
   * Lists the activations.
   *
   * @return the activations and the failures
   */
  @GetMapping("/api/inbound")
  public InboundState inbound() {
    InboundManager m = manager.getIfAvailable();
    return m == null ? new InboundState(false, List.of(), List.of())
        : new InboundState(true, m.activations(), m.failedActivations());
  }
}
