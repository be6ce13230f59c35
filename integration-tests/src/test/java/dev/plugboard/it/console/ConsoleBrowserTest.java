package dev.plugboard.it.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plugboard.it.LocalServices;
import dev.plugboard.it.RuntimeProcess;
import dev.plugboard.it.TestPlugins;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/**
 * The web console in headless Chromium against the built runtime jar (embedded Operaton) with
 * the hello-connector plugin: catalog and search, the modeler from template to completed
 * instance, plugin upload and live updates, and clear messages for bad input. Screenshots of
 * each page go to {@code target/screenshots/}.
 */
class ConsoleBrowserTest {

  private static final String HELLO = "com.example:hello:1";
  private static RuntimeProcess runtime;
  private Browser browser;

  @BeforeAll
  static void startRuntime() {
    Path hello = RuntimeProcess.distPlugin("hello-connector");
    LocalServices.requireCondition(hello != null, "The hello-connector plugin jar is not in "
        + RuntimeProcess.distPlugins() + "; build it with `mvn -pl examples/hello-connector -am verify`");
    runtime = RuntimeProcess.builder("console").withPlugin(hello).start();
  }

  @AfterAll
  static void stopRuntime() {
    if (runtime != null) {
      runtime.close();
    }
  }

  @BeforeEach
  void openBrowser() {
    browser = Browser.start();
  }

  @AfterEach
  void closeBrowser(TestInfo test) {
    if (browser != null) {
      // The page as the test left it, also when it failed.
      browser.screenshot("last-" + test.getTestMethod().map(m -> m.getName()).orElse("test"));
      browser.close();
    }
  }

  @Test
  void catalogListsTheTemplatesAndSearchesByNameAndKeyword() {
    browser.open(runtime.baseUrl() + "/#/catalog");
    browser.find(".card[data-template-id='" + HELLO + "']");
    assertThat(browser.find("#index-url").getAttribute("value"))
        .isEqualTo(runtime.baseUrl() + "/api/templates/index.json?flavor=camunda7");

    WebElement search = browser.find("#catalog-search");
    search.sendKeys("greets");
    browser.until(d -> browser.findAll(".card").size() == 1);
    search.clear();
    search.sendKeys("no-such-connector");
    browser.until(d -> browser.findAll(".card").isEmpty());
    assertThat(browser.find("#catalog-list").getText()).contains("No template matches");
    search.sendKeys(Keys.chord(Keys.CONTROL, "a"), "example");  // a keyword of the template
    browser.until(d -> browser.findAll(".card").size() == 1);

    browser.find(".card[data-template-id='" + HELLO + "'] button").click();
    WebElement detail = browser.find("#catalog-detail");
    browser.until(d -> detail.isDisplayed());
    assertThat(detail.getText()).contains("Hello", "Greets someone by name.", "Greeting style",
        "hello-connector", "Download Camunda 8 JSON", "Download Camunda 7 JSON");
    browser.screenshot("catalog");
  }

  @Test
  void modelerAppliesATemplateDeploysStartsAndSeesTheInstanceComplete() {
    browser.open(runtime.baseUrl() + "/#/modeler");
    // Deploy and start are admin calls: the token entered once on the Plugins page is kept in
    // the session.
    browser.js("sessionStorage.setItem('plugboard.adminToken', arguments[0])", runtime.adminToken());
    browser.until(d -> browser.js("return document.body.dataset.templates").equals("1"));
    assertThat(browser.find("#template-errors").isDisplayed()).isFalse();

    browser.find(".djs-element[data-element-id='Task_1']").click();
    browser.find(".bio-properties-panel-select-template-button").click();
    browser.find("#chooser-search").sendKeys("hello");
    browser.find("#chooser-list [data-template-id='" + HELLO + "']").click();

    openGroup("input").findElement(By.cssSelector("input[type='text']")).sendKeys("Ada");
    openGroup("output").findElement(By.cssSelector("input[type='text']")).sendKeys("greeting");
    // The panel writes a field into the diagram shortly after the last key stroke.
    browser.until(d -> diagramXml().contains("Ada") && diagramXml().contains("greeting"));
    browser.screenshot("modeler-template-applied");

    browser.find("#bpmn-deploy").click();
    browser.until(d -> browser.find("#deployment-info").getText().startsWith("Deployed"));
    WebElement variables = browser.find("#start-variables");
    variables.clear();
    variables.sendKeys("{\"orderId\": 42}");
    browser.find("#instance-start").click();
    browser.until(d -> "completed".equals(
        browser.find("#instance-status").getAttribute("data-state")));
    assertThat(browser.find("#instance-state").getText()).contains("greeting", "Ada", "orderId");
    browser.screenshot("modeler-instance-completed");
    assertEverythingCameFromTheRuntime();
  }

  @Test
  void templatesTheModelerRefusesAreListedWithTheReason() {
    browser.open(runtime.baseUrl() + "/#/modeler");
    browser.until(d -> browser.js("return document.body.dataset.templates").equals("1"));
    // The runtime refuses plugins with invalid templates, so feed the modeler's loader directly:
    // what is tested is that its errors event reaches the page.
    browser.js("window.plugboardConsole.modeler.get('elementTemplatesLoader').setTemplates(["
        + "{name: 'Broken', id: 'broken:1', appliesTo: ['bpmn:Task'], properties: [{type: 'NoSuchType',"
        + " binding: {type: 'property', name: 'x'}}]}])");
    WebElement errors = browser.find("#template-errors");
    browser.until(d -> errors.isDisplayed());
    assertThat(errors.getText()).contains("1 template could not be used", "Broken");
    browser.screenshot("modeler-template-errors");
  }

  @Test
  void uploadingAPluginJarShowsItsTemplatesAndRemovingItTakesThemAway() {
    Path graphql = RuntimeProcess.distPlugin("plugboard-connector-graphql");
    LocalServices.requireCondition(graphql != null, "The GraphQL plugin jar is not in "
        + RuntimeProcess.distPlugins() + "; build it with `mvn -pl connectors-catalog/graphql -am verify`");
    browser.open(runtime.baseUrl() + "/#/plugins");
    browser.until(d -> "live".equals(browser.js("return document.body.dataset.pluginEvents")));
    browser.find("#admin-token").sendKeys(runtime.adminToken());
    browser.find("#plugin-file").sendKeys(graphql.toString());
    browser.find("#upload-form button[type='submit']").click();
    browser.until(d -> browser.find("#upload-result").getText().startsWith("Loaded"));
    browser.find("tr[data-plugin-id='plugboard-graphql'][data-state='ACTIVE']");
    browser.screenshot("plugins-uploaded");

    browser.click("nav a[data-page='catalog']");
    browser.find("#catalog-search").sendKeys("graphql");
    browser.find(".card[data-template-id='plugboard:graphql:1']");
    browser.screenshot("catalog-after-upload");

    browser.click("nav a[data-page='plugins']");
    browser.click("tr[data-plugin-id='plugboard-graphql'] button.danger");
    browser.driver().switchTo().alert().accept();
    browser.until(d -> browser.findAll(
        "tr[data-plugin-id='plugboard-graphql'][data-state='ACTIVE']").isEmpty());
    browser.click("nav a[data-page='catalog']");
    browser.until(d -> browser.findAll(".card[data-template-id='plugboard:graphql:1']").isEmpty());
  }

  @Test
  void aJarDroppedIntoTheWatchedFolderAppearsWithoutAReload() throws IOException {
    browser.open(runtime.baseUrl() + "/#/plugins");
    browser.until(d -> "live".equals(browser.js("return document.body.dataset.pluginEvents")));
    Path copy = runtime.addPlugin(TestPlugins.echoPlugin("1.0.0"));
    browser.find("tr[data-plugin-id='it-echo'][data-state='ACTIVE']");
    browser.screenshot("plugins");
    Files.delete(copy);
    browser.until(d -> browser.findAll("tr[data-plugin-id='it-echo'][data-state='ACTIVE']").isEmpty());
  }

  @Test
  void anInvalidBpmnFileGetsAClearMessageAndTheDiagramStays() throws IOException {
    Path broken = Files.createTempDirectory("console").resolve("broken.bpmn");
    Files.writeString(broken, "this is not <bpmn");
    browser.open(runtime.baseUrl() + "/#/modeler");
    browser.find(".djs-element[data-element-id='Task_1']");
    browser.find("#bpmn-open").sendKeys(broken.toString());
    browser.until(d -> browser.notices().contains("Could not open broken.bpmn"));
    assertThat(browser.notices()).contains("BPMN 2.0 XML");
    assertThat(browser.findAll(".djs-element[data-element-id='Task_1']")).isNotEmpty();

    // Well-formed BPMN without a diagram: bpmn-js clears the canvas before it fails, the console
    // puts the previous diagram back.
    Path noDiagram = broken.resolveSibling("no-diagram.bpmn");
    Files.writeString(noDiagram, """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="http://example.com">
          <bpmn:process id="P" isExecutable="true"><bpmn:startEvent id="s"/></bpmn:process>
        </bpmn:definitions>
        """);
    browser.find("#bpmn-open").sendKeys(noDiagram.toString());
    browser.until(d -> browser.notices().contains("Could not open no-diagram.bpmn"));
    assertThat(browser.notices()).contains("no diagram");
    browser.find(".djs-element[data-element-id='Task_1']");
    assertNoStackTrace();
    browser.screenshot("modeler-invalid-bpmn");
  }

  @Test
  void aDeploymentTheEngineRejectsGetsTheEnginesReason() throws IOException {
    Path bad = Files.createTempDirectory("console").resolve("no-implementation.bpmn");
    Files.writeString(bad, """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" xmlns:di="http://www.omg.org/spec/DD/20100524/DI" id="d" targetNamespace="http://example.com">
          <bpmn:process id="NoImplementation" isExecutable="true">
            <bpmn:startEvent id="s"/>
            <bpmn:serviceTask id="t"/>
            <bpmn:sequenceFlow id="f" sourceRef="s" targetRef="t"/>
          </bpmn:process>
          <bpmndi:BPMNDiagram id="dd"><bpmndi:BPMNPlane id="p" bpmnElement="NoImplementation">
            <bpmndi:BPMNShape id="s_di" bpmnElement="s"><dc:Bounds x="100" y="100" width="36" height="36"/></bpmndi:BPMNShape>
            <bpmndi:BPMNShape id="t_di" bpmnElement="t"><dc:Bounds x="200" y="78" width="100" height="80"/></bpmndi:BPMNShape>
            <bpmndi:BPMNEdge id="f_di" bpmnElement="f"><di:waypoint x="136" y="118"/><di:waypoint x="200" y="118"/></bpmndi:BPMNEdge>
          </bpmndi:BPMNPlane></bpmndi:BPMNDiagram>
        </bpmn:definitions>
        """);
    browser.open(runtime.baseUrl() + "/#/modeler");
    browser.js("sessionStorage.setItem('plugboard.adminToken', arguments[0])", runtime.adminToken());
    browser.find(".djs-element[data-element-id='Task_1']");
    browser.find("#bpmn-open").sendKeys(bad.toString());
    browser.until(d -> browser.find("#modeler-title").getText().contains("no-implementation.bpmn"));
    browser.find("#bpmn-deploy").click();
    browser.until(d -> browser.notices().contains("The engine refused the deployment"));
    assertThat(browser.notices()).contains("serviceTask");
    assertThat(browser.find("#instance-start").isEnabled()).isFalse();
    assertNoStackTrace();
    browser.screenshot("modeler-deploy-rejected");
  }

  @Test
  void anUploadThatIsNotAJarGetsAClearMessage() throws IOException {
    Path notAJar = Files.createTempDirectory("console").resolve("notes.jar");
    Files.writeString(notAJar, "just some text");
    browser.open(runtime.baseUrl() + "/#/plugins");
    browser.find("#admin-token").sendKeys(runtime.adminToken());
    browser.find("#plugin-file").sendKeys(notAJar.toString());
    browser.find("#upload-form button[type='submit']").click();
    browser.until(d -> browser.find("#upload-result").getText().startsWith("notes.jar was not loaded"));
    assertThat(browser.find("#upload-result").getAttribute("class")).contains("field-error");
    assertNoStackTrace();
    browser.screenshot("plugins-not-a-jar");
  }

  @Test
  void aWrongAdminTokenIsReportedAsSuch() throws IOException {
    Path jar = TestPlugins.echoPlugin("2.0.0");
    browser.open(runtime.baseUrl() + "/#/plugins");
    browser.find("#admin-token").sendKeys("wrong-token");
    browser.find("#plugin-file").sendKeys(jar.toString());
    browser.find("#upload-form button[type='submit']").click();
    browser.until(d -> browser.find("#upload-result").getText().contains("check the admin token"));
    assertThat(browser.find("#upload-result").getText()).doesNotContain(runtime.adminToken());
  }

  /** Opens a template group of the properties panel (groups start closed) and returns it. */
  private WebElement openGroup(String templateGroupId) {
    String css = "[data-group-id='group-ElementTemplates__CustomProperties-" + templateGroupId + "']";
    // Found anew on each try: the panel re-renders itself after each change.
    return browser.until(d -> {
      WebElement group = d.findElement(By.cssSelector(css));
      WebElement header = group.findElement(By.cssSelector(".bio-properties-panel-group-header"));
      if (!header.getAttribute("class").contains("open")) {
        header.click();
        return null;
      }
      return group.findElement(By.cssSelector("input[type='text']")).isDisplayed() ? group : null;
    });
  }

  /** The diagram as the modeler would save it. */
  private String diagramXml() {
    return (String) ((org.openqa.selenium.JavascriptExecutor) browser.driver()).executeAsyncScript(
        "const done = arguments[arguments.length - 1];"
            + "window.plugboardConsole.modeler.saveXML().then(r => done(r.xml), e => done(String(e)));");
  }

  /** The console works offline: every script, style, font and image came from the runtime. */
  @SuppressWarnings("unchecked")
  private void assertEverythingCameFromTheRuntime() {
    java.util.List<String> resources = (java.util.List<String>) browser.js(
        "return performance.getEntriesByType('resource').map(e => e.name)");
    assertThat(resources).isNotEmpty()
        .allSatisfy(url -> assertThat(url).satisfiesAnyOf(
            u -> assertThat(u).startsWith(runtime.baseUrl() + "/"),
            u -> assertThat(u).startsWith("data:")));
  }

  private void assertNoStackTrace() {
    assertThat(browser.bodyText()).doesNotContainPattern("\\bat [a-z]+\\.[a-z]+\\.[A-Za-z.$]+\\(")
        .doesNotContain("Exception:");
  }
}
