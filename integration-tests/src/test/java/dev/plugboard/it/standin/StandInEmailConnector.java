package dev.plugboard.it.standin;

import dev.plugboard.sdk.Connector;
import dev.plugboard.sdk.ConnectorContext;
import dev.plugboard.sdk.OutboundConnector;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.io.OutputStreamWriter;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Stand-in for the catalog's e-mail connector (same type, the inputs the example processes use):
 * sends over plain SMTP. Used by {@link dev.plugboard.it.ExampleProcessesTest} only while the
 * real jar is not built.
 */
@Connector(type = "plugboard:email:1", name = "E-mail stand-in (integration tests)")
public class StandInEmailConnector
    implements OutboundConnector<StandInEmailConnector.Input, Map<String, Object>> {

  /** The e-mail inputs the example processes set. */
  public record Input(String operation, String smtpHost, Integer smtpPort, String security,
      String from, String to, String subject, String body) {}

  @Override
  public Map<String, Object> execute(Input in, ConnectorContext context) throws Exception {
    try (Socket s = new Socket(in.smtpHost(), in.smtpPort());
        BufferedReader r = new BufferedReader(
            new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
        Writer w = new OutputStreamWriter(s.getOutputStream(), StandardCharsets.UTF_8)) {
      expect(r, "220");
      send(w, r, "HELO plugboard", "250");
      send(w, r, "MAIL FROM:<" + address(in.from()) + ">", "250");
      send(w, r, "RCPT TO:<" + address(in.to()) + ">", "250");
      send(w, r, "DATA", "354");
      send(w, r, "From: " + in.from() + "\r\nTo: " + in.to() + "\r\nSubject: " + in.subject()
          + "\r\n\r\n" + in.body() + "\r\n.", "250");
      send(w, r, "QUIT", "221");
    }
    return Map.of("sent", true);
  }

  private static String address(String s) {
    int lt = s.indexOf('<');
    return lt < 0 ? s.trim() : s.substring(lt + 1, s.indexOf('>', lt));
  }

  private static void send(Writer w, BufferedReader r, String line, String code)
      throws IOException {
    w.write(line + "\r\n");
    w.flush();
    expect(r, code);
  }

  private static void expect(BufferedReader r, String code) throws IOException {
    String line;
    do {
      line = r.readLine();
      if (line == null || !line.startsWith(code)) {
        throw new IOException("SMTP: expected " + code + ", got " + line);
      }
    } while (line.length() > 3 && line.charAt(3) == '-');
  }
}
