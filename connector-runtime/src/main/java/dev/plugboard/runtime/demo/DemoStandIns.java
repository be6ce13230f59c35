package dev.plugboard.runtime.demo;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Profile;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Demo stand-ins for the example processes, only with the Spring profile {@code demo}: an
 * in-process WireMock (stock and collections APIs) and an in-process GreenMail SMTP server, on
 * the addresses {@code plugboard.examples.*} point at by default. They are fakes for trying the
 * examples, never for production; the log says so at start. {@code GET /api/demo/mails} lists the
 * mails GreenMail received.
 */
@RestController
@Profile("demo")
public class DemoStandIns implements InitializingBean, DisposableBean {

  private static final Logger log = LoggerFactory.getLogger(DemoStandIns.class);

  private final int httpPort;
  private final int smtpPort;
  private WireMockServer wireMock;
  private GreenMail greenMail;

  /**
   * Creates the stand-ins.
   *
   * @param httpPort WireMock's port ({@code plugboard.demo.http-port}, default 8089)
   * @param smtpPort GreenMail's SMTP port ({@code plugboard.demo.smtp-port}, default 3025)
   */
  public DemoStandIns(@Value("${plugboard.demo.http-port:8089}") int httpPort,
      @Value("${plugboard.demo.smtp-port:3025}") int smtpPort) {
    this.httpPort = httpPort;
    this.smtpPort = smtpPort;
  }

  @Override
  public void afterPropertiesSet() {
    wireMock = new WireMockServer(options().port(httpPort).bindAddress("127.0.0.1")
        .containerThreads(20).disableRequestJournal());
    wireMock.stubFor(post(urlPathEqualTo("/stock/reservations")).willReturn(aResponse()
        .withStatus(201).withHeader("Content-Type", "application/json")
        .withBody("{\"reservationId\":\"{{randomValue type='UUID'}}\",\"status\":\"RESERVED\"}")
        .withTransformers("response-template")));
    wireMock.stubFor(post(urlPathEqualTo("/collections/escalations")).willReturn(aResponse()
        .withStatus(202).withHeader("Content-Type", "application/json")
        .withBody("{\"caseId\":\"{{randomValue type='UUID'}}\",\"status\":\"OPEN\"}")
        .withTransformers("response-template")));
    wireMock.start();
    greenMail = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    greenMail.start();
    log.warn("DEMO STAND-IN started: WireMock (fake stock and collections APIs) on"
        + " http://127.0.0.1:{} and GreenMail (fake SMTP, keeps mails in memory) on 127.0.0.1:{};"
        + " not for production. Received mails: GET /api/demo/mails", httpPort, smtpPort);
  }

  @Override
  public void destroy() {
    if (wireMock != null) {
      wireMock.stop();
    }
    if (greenMail != null) {
      greenMail.stop();
    }
  }

  /**
   * The mails the demo SMTP server received.
   *
   * @return recipients, subject and text of each
   */
  @GetMapping("/api/demo/mails")
  public List<Map<String, Object>> mails() throws Exception {
    List<Map<String, Object>> out = new ArrayList<>();
    for (MimeMessage m : greenMail.getReceivedMessages()) {
      Map<String, Object> mail = new LinkedHashMap<>();
      mail.put("to", String.valueOf(java.util.Arrays.toString(m.getAllRecipients())));
      mail.put("subject", m.getSubject());
      mail.put("received", m.getSentDate() == null ? null : m.getSentDate().toInstant().toString());
      out.add(mail);
    }
    return out;
  }
}
