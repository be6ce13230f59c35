package dev.plugboard.runtime.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

class ConsoleInfoControllerTest {

  @BeforeEach
  void request() {
    MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/console");
    request.setServerName("plugboard.example");
    request.setServerPort(8443);
    request.setScheme("https");
    RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(request));
  }

  @AfterEach
  void clear() {
    RequestContextHolder.resetRequestAttributes();
  }

  @Test
  void theEmbeddedEngineGetsCamunda7TemplatesAndItsRestApi() {
    Map<String, Object> info = new ConsoleInfoController("operaton").info();
    assertThat(info).containsEntry("engine", "operaton")
        .containsEntry("templateFlavor", "camunda7")
        .containsEntry("engineRest", "/engine-rest")
        .containsEntry("templateIndexUrl",
            "https://plugboard.example:8443/api/templates/index.json?flavor=camunda7");
  }

  @Test
  void camunda8GetsCamunda8TemplatesAndNoEngineRestApi() {
    Map<String, Object> info = new ConsoleInfoController("camunda8").info();
    assertThat(info).containsEntry("engine", "camunda8")
        .containsEntry("templateFlavor", "camunda8")
        .containsEntry("engineRest", null)
        .containsEntry("templateIndexUrl",
            "https://plugboard.example:8443/api/templates/index.json?flavor=camunda8");
  }

  @Test
  void anUnknownEngineIsRefusedWithTheChoices() {
    assertThatThrownBy(() -> new ConsoleInfoController("zeebe-classic"))
        .hasMessageContaining("operaton").hasMessageContaining("camunda8");
  }
}
