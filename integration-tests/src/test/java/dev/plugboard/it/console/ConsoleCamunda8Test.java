package dev.plugboard.it.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plugboard.it.LocalServices;
import dev.plugboard.it.RuntimeProcess;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The console of a Camunda 8 runtime: Camunda 8 templates in the cloud modeler, and deploy and
 * start switched off with a note (there is no embedded engine to deploy to). No cluster is needed
 * for the page: the runtime points at a closed port.
 */
class ConsoleCamunda8Test {

  @Test
  void aCamunda8RuntimeOffersTheCloudModelerWithCamunda8TemplatesAndNoDeploy() {
    Path hello = RuntimeProcess.distPlugin("hello-connector");
    LocalServices.requireCondition(hello != null, "The hello-connector plugin jar is not in "
        + RuntimeProcess.distPlugins() + "; build it with `mvn -pl examples/hello-connector -am verify`");
    try (RuntimeProcess runtime = RuntimeProcess.builder("console-camunda8")
            .withPlugin(hello)
            .property("plugboard.engine", "camunda8")
            .property("camunda.client.rest-address", "http://localhost:" + RuntimeProcess.freePort())
            .requireUp(false)
            .start();
        Browser browser = Browser.start()) {
      browser.open(runtime.baseUrl() + "/#/modeler");
      browser.until(d -> "1".equals(browser.js("return document.body.dataset.templates")));
      assertThat(browser.find("#engine-badge").getText()).contains("Camunda 8");
      assertThat(browser.js("return window.plugboardConsole.info.templateFlavor")).isEqualTo("camunda8");
      assertThat(browser.find("#bpmn-deploy").isEnabled()).isFalse();
      assertThat(browser.find("#deployment-info").getText()).contains("Camunda Modeler");

      browser.find(".djs-element[data-element-id='Task_1']").click();
      browser.find(".bio-properties-panel-select-template-button").click();
      browser.find("#chooser-list [data-template-id='com.example:hello:1']").click();
      browser.find("[data-group-id='group-ElementTemplates__CustomProperties-input']");
      String xml = (String) ((org.openqa.selenium.JavascriptExecutor) browser.driver()).executeAsyncScript(
          "const done = arguments[arguments.length - 1];"
              + "window.plugboardConsole.modeler.saveXML().then(r => done(r.xml), e => done(String(e)));");
      assertThat(xml).contains("zeebe:taskDefinition type=\"com.example:hello:1\"");
      browser.screenshot("modeler-camunda8");

      browser.open(runtime.baseUrl() + "/#/catalog");
      assertThat(browser.find("#index-url").getAttribute("value")).endsWith("flavor=camunda8");
    }
  }
}
