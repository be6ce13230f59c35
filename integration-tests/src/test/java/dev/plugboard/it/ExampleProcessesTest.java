package dev.plugboard.it;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The example processes of {@code processes/} end to end on the embedded engine, with the real
 * catalog plugin jars from {@code dist/plugins} (HTTP and e-mail), a real HTTP server (WireMock)
 * and a real SMTP server (GreenMail): dynamic parallel execution ({@code pickup-order}), message
 * correlation that aborts it, and time-based escalation ({@code invoice-escalation}).
 *
 * <p>While the catalog jars are not in {@code dist/plugins}, stand-in plugins of the same types
 * (built at test time) run the processes instead; when the catalog jars are there but do not
 * load, the test is skipped (failing under CI=true).
 */
class ExampleProcessesTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration WAIT = Duration.ofSeconds(120);
  private static WireMockServer api;
  private static GreenMail smtp;
  private static RuntimeProcess runtime;

  @BeforeAll
  static void start() throws Exception {
    Path http = RuntimeProcess.distPlugin("plugboard-connector-http");
    Path email = RuntimeProcess.distPlugin("plugboard-connector-email");
    // The real catalog jars when the build produced both; otherwise stand-ins of the same types.
    boolean catalog = http != null && email != null;
    api = new WireMockServer(options().dynamicPort());
    api.start();
    api.stubFor(post(urlEqualTo("/stock/reservations")).willReturn(aResponse().withStatus(201)
        .withHeader("Content-Type", "application/json").withBody("{\"status\":\"RESERVED\"}")));
    // Reservations of the order that is cancelled hang, so the order is mid-run when cancelled.
    api.stubFor(post(urlEqualTo("/stock/reservations"))
        .withRequestBody(containing("o-cancel"))
        .willReturn(aResponse().withStatus(201).withFixedDelay(25_000)));
    api.stubFor(post(urlEqualTo("/collections/escalations")).willReturn(aResponse()
        .withStatus(202).withHeader("Content-Type", "application/json")
        .withBody("{\"caseId\":\"c-1\"}")));
    int smtpPort = RuntimeProcess.freePort();
    smtp = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    smtp.start();
    RuntimeProcess.Builder b = RuntimeProcess.builder("examples");
    if (catalog) {
      b.withPlugin(http).withPlugin(email);
    } else {
      b.withPlugin(TestPlugins.catalogStandIns());
    }
    runtime = b
        .property("plugboard.examples.stock-api-url", "http://localhost:" + api.port() + "/stock")
        .property("plugboard.examples.collections-api-url",
            "http://localhost:" + api.port() + "/collections")
        .property("plugboard.examples.smtp-host", "127.0.0.1")
        .property("plugboard.examples.smtp-port", smtpPort)
        .start();
    String connectors = runtime.get("/api/connectors").body();
    LocalServices.requireCondition(connectors.contains("plugboard:http:1")
        && connectors.contains("plugboard:email:1"), "The catalog plugins did not load: "
        + connectors + "; see " + runtime.logFile());
  }

  @AfterAll
  static void stop() {
    if (runtime != null) {
      runtime.close();
    }
    if (api != null) {
      api.stop();
    }
    if (smtp != null) {
      smtp.stop();
    }
  }

  @Test
  void pickupOrderReservesEveryLineInParallelThenMailsTheCustomer() throws Exception {
    int n = 25;
    StringBuilder lines = new StringBuilder();
    for (int i = 0; i < n; i++) {
      lines.append(i == 0 ? "" : ",").append("{\"sku\":\"S-").append(i)
          .append("\",\"quantity\":").append(1 + i % 3).append('}');
    }
    String pi = start("pickup-order", "o-25", "{\"orderId\":\"o-25\",\"customerEmail\":"
        + "\"ann@example.com\",\"lines\":[" + lines + "]}");
    awaitEnded(pi, "ReadyForPickup");
    api.verify(n, postRequestedFor(urlEqualTo("/stock/reservations"))
        .withRequestBody(containing("o-25")));
    assertThat(subjects()).contains("Order o-25 is ready for pickup");
  }

  @Test
  void anOrderCancelMessageAbortsTheRunningOrderAndMailsTheCustomer() throws Exception {
    String pi = start("pickup-order", "o-cancel", "{\"orderId\":\"o-cancel\",\"customerEmail\":"
        + "\"bob@example.com\",\"lines\":[{\"sku\":\"A\",\"quantity\":1},"
        + "{\"sku\":\"B\",\"quantity\":2}]}");
    // Wait until the reservations are running, then cancel (what POST /inbound/order-cancel does).
    await().atMost(WAIT).untilAsserted(() -> api.verify(2,
        postRequestedFor(urlEqualTo("/stock/reservations")).withRequestBody(containing("o-cancel"))));
    HttpResponse<String> r = runtime.postJson("/api/engine/messages/order-cancel",
        "{\"correlationKeys\":{\"orderId\":\"o-cancel\"}}");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    awaitEnded(pi, "OrderCancelledEnd");
    assertThat(subjects()).contains("Order o-cancel was cancelled")
        .doesNotContain("Order o-cancel is ready for pickup");
  }

  @Test
  void anUnpaidInvoiceGetsAReminderThenIsEscalated() throws Exception {
    String pi = start("invoice-escalation", "inv-1", "{\"invoiceId\":\"inv-1\",\"customerEmail\":"
        + "\"carl@example.com\",\"amount\":\"120.00 EUR\",\"reminderAfter\":\"PT1S\","
        + "\"escalateAfter\":\"PT2S\"}");
    awaitEnded(pi, "EscalatedEnd");
    assertThat(subjects()).contains("Reminder: invoice inv-1 is due");
    api.verify(postRequestedFor(urlEqualTo("/collections/escalations"))
        .withRequestBody(containing("inv-1")));
  }

  @Test
  void payingInTimeEndsTheInvoiceWithoutReminder() throws Exception {
    String pi = start("invoice-escalation", "inv-2", "{\"invoiceId\":\"inv-2\",\"customerEmail\":"
        + "\"dora@example.com\",\"amount\":\"5.00 EUR\",\"reminderAfter\":\"PT1H\"}");
    HttpResponse<String> r = runtime.postJson("/api/engine/messages/invoice-paid",
        "{\"correlationKeys\":{\"invoiceId\":\"inv-2\"}}");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    awaitEnded(pi, "PaidEnd");
    assertThat(subjects()).doesNotContain("Reminder: invoice inv-2 is due");
  }

  // ------------------------------------------------------------------ helpers

  private static String start(String key, String businessKey, String variables) throws Exception {
    HttpResponse<String> r = runtime.postJson("/api/engine/process-definitions/" + key + "/start",
        "{\"businessKey\":\"" + businessKey + "\",\"variables\":" + variables + "}");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    return JSON.readTree(r.body()).path("id").asText();
  }

  private static void awaitEnded(String pi, String endEventId) {
    await().atMost(WAIT).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
      JsonNode ends = JSON.readTree(runtime.get("/engine-rest/history/activity-instance"
          + "?processInstanceId=" + pi + "&activityId=" + endEventId + "&finished=true").body());
      JsonNode incidents = JSON.readTree(runtime.get("/engine-rest/incident?processInstanceId="
          + pi).body());
      assertThat(ends.size()).as("%s reached %s; incidents %s", pi, endEventId, incidents)
          .isEqualTo(1);
    });
  }

  private static List<String> subjects() throws Exception {
    List<String> out = new ArrayList<>();
    for (MimeMessage m : smtp.getReceivedMessages()) {
      out.add(m.getSubject());
    }
    return out;
  }
}
