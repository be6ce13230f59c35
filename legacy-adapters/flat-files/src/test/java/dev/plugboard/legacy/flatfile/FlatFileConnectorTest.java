package dev.plugboard.legacy.flatfile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plugboard.sdk.ConnectorException;
import dev.plugboard.sdk.testkit.ConnectorTestKit;
import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FlatFileConnectorTest {

  @TempDir Path drop;

  /** A vendor master extract: id 1-6 zero padded, name 7-26, balance 27-36 with 2 implied decimals, date 37-44. */
  static final List<Map<String, Object>> VENDOR_LAYOUT = List.of(
      Map.of("name", "id", "start", 1, "length", 6, "type", "INTEGER", "padding", "0"),
      Map.of("name", "name", "start", 7, "length", 20),
      Map.of("name", "balance", "start", 27, "length", 10, "type", "DECIMAL", "scale", 2, "padding", "0"),
      Map.of("name", "since", "start", 37, "length", 8, "type", "DATE", "format", "yyyyMMdd"));

  static final String VENDORS =
      "000042ACME Corp           000012345020260131\n"
    + "000043Müller GmbH         -00000050020251201\n";

  ConnectorTestKit kit() {
    return ConnectorTestKit.of(new FlatFileConnector(drop));
  }

  @Test
  void parsesFixedWidthRecordsWithTypes() throws Exception {
    FlatFileResult r = (FlatFileResult) kit().variable("operation", "PARSE").variable("format", "FIXED_WIDTH")
        .variable("fields", VENDOR_LAYOUT).variable("content", VENDORS).execute();
    assertThat(r.recordCount()).isEqualTo(2);
    Map<String, Object> first = r.records().get(0);
    assertThat(first.get("id")).isEqualTo(42L);
    assertThat(first.get("name")).isEqualTo("ACME Corp");
    assertThat((BigDecimal) first.get("balance")).isEqualByComparingTo("1234.50");
    assertThat(first.get("since")).isEqualTo("2026-01-31");
    assertThat((BigDecimal) r.records().get(1).get("balance")).isEqualByComparingTo("-5.00");
  }

  @Test
  void formatsFixedWidthRecordsBackToTheSameText() throws Exception {
    FlatFileResult parsed = (FlatFileResult) kit().variable("operation", "PARSE").variable("format", "FIXED_WIDTH")
        .variable("fields", VENDOR_LAYOUT).variable("content", VENDORS).execute();
    FlatFileResult text = (FlatFileResult) kit().variable("operation", "FORMAT").variable("format", "FIXED_WIDTH")
        .variable("fields", VENDOR_LAYOUT).variable("records", parsed.records()).execute();
    assertThat(text.content()).isEqualTo(VENDORS);
  }

  @Test
  void aLineThatDoesNotFitTheLayoutNamesLineAndField() {
    String bad = "000042ACME Corp           000012345020260131\n000043Short Ltd           00000ABC0020251201\n";
    assertThatThrownBy(() -> kit().variable("operation", "PARSE").variable("format", "FIXED_WIDTH")
        .variable("fields", VENDOR_LAYOUT).variable("content", bad).execute())
        .isInstanceOf(ConnectorException.class)
        .hasMessageContaining("line 2, field 'balance'")
        .hasMessageContaining("00000ABC00")
        .satisfies(e -> assertThat(((ConnectorException) e).code()).isEqualTo("RECORD_INVALID"));
    List<Map<String, Object>> required = List.of(Map.of("name", "id", "start", 1, "length", 6),
        Map.of("name", "code", "start", 7, "length", 4, "required", true));
    assertThatThrownBy(() -> kit().variable("operation", "PARSE").variable("format", "FIXED_WIDTH")
        .variable("fields", required).variable("content", "000001ABCD\n000002\n").execute())
        .hasMessageContaining("line 2, field 'code'");
  }

  @Test
  void aValueTooLongForItsFieldIsRefusedWhenWriting() {
    assertThatThrownBy(() -> kit().variable("operation", "WRITE").variable("format", "FIXED_WIDTH")
        .variable("path", "out/vendors.txt").variable("fields", VENDOR_LAYOUT)
        .variable("records", List.of(
            Map.of("id", 1, "name", "ok", "balance", 1, "since", "2026-01-01"),
            Map.of("id", 2, "name", "A name far too long for twenty", "balance", 1, "since", "2026-01-01")))
        .execute())
        .hasMessageContaining("record 2, field 'name'")
        .satisfies(e -> assertThat(((ConnectorException) e).code()).isEqualTo("RECORD_INVALID"));
    assertThat(drop.resolve("out/vendors.txt")).doesNotExist();
  }

  @Test
  void parsesCsvWithHeaderQuotesAndTypes() throws Exception {
    String csv = "order;customer;amount;paid\n"
        + "A-1;\"Smith; John\";12.50;Y\n"
        + "A-2;\"He said \"\"hi\"\"\nand left\";7;N\n";
    FlatFileResult r = (FlatFileResult) kit().variable("operation", "PARSE").variable("format", "CSV")
        .variable("delimiter", ";")
        .variable("fields", List.of(Map.of("name", "order"), Map.of("name", "customer"),
            Map.of("name", "amount", "type", "DECIMAL"), Map.of("name", "paid", "type", "BOOLEAN", "format", "Y/N")))
        .variable("content", csv).execute();
    assertThat(r.records()).hasSize(2);
    assertThat(r.records().get(0)).containsEntry("customer", "Smith; John").containsEntry("paid", true);
    assertThat(r.records().get(1).get("customer")).isEqualTo("He said \"hi\"\nand left");
    assertThat(r.records().get(1)).containsEntry("paid", false);
  }

  @Test
  void csvErrorsCountPhysicalLines() {
    String csv = "id,note,amount\n1,\"two\nlines\",5\n2,x,notanumber\n";
    assertThatThrownBy(() -> kit().variable("operation", "PARSE").variable("format", "CSV")
        .variable("fields", List.of(Map.of("name", "id", "type", "INTEGER"), Map.of("name", "amount", "type", "DECIMAL")))
        .variable("content", csv).execute())
        .hasMessageContaining("line 4, field 'amount'")
        .hasMessageContaining("notanumber");
  }

  @Test
  void writesCsvToTheDropFolderAndReadsItBack() throws Exception {
    List<Map<String, Object>> records = List.of(row("id", 1, "name", "Ada, Countess"), row("id", 2, "name", "Bob"));
    FlatFileResult w = (FlatFileResult) kit().variable("operation", "WRITE").variable("format", "CSV")
        .variable("path", "/exports/people.csv").variable("records", records).variable("lineEnding", "CRLF").execute();
    assertThat(w.path()).isEqualTo("/exports/people.csv");
    assertThat(Files.readString(drop.resolve("exports/people.csv"))).isEqualTo("id,name\r\n1,\"Ada, Countess\"\r\n2,Bob\r\n");
    try (Stream<Path> files = Files.list(drop.resolve("exports"))) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly("people.csv");
    }
    FlatFileResult r = (FlatFileResult) kit().variable("operation", "READ").variable("format", "CSV")
        .variable("path", "exports/people.csv").execute();
    assertThat(r.records()).containsExactly(Map.of("id", "1", "name", "Ada, Countess"), Map.of("id", "2", "name", "Bob"));

    assertThatThrownBy(() -> kit().variable("operation", "WRITE").variable("format", "CSV")
        .variable("path", "exports/people.csv").variable("records", records).execute())
        .satisfies(e -> assertThat(((ConnectorException) e).code()).isEqualTo("FILE_EXISTS"));
  }

  @Test
  void readsEbcdicMainframeExtracts() throws Exception {
    Files.createDirectories(drop.resolve("in"));
    Files.write(drop.resolve("in/ebcdic.dat"), "000042ACME\n".getBytes(Charset.forName("IBM1047")));
    FlatFileResult r = (FlatFileResult) kit().variable("operation", "READ").variable("format", "FIXED_WIDTH")
        .variable("charset", "IBM1047").variable("path", "in/ebcdic.dat")
        .variable("fields", List.of(Map.of("name", "id", "start", 1, "length", 6, "type", "INTEGER"),
            Map.of("name", "name", "start", 7, "length", 4)))
        .execute();
    assertThat(r.records()).containsExactly(Map.of("id", 42L, "name", "ACME"));
  }

  @Test
  void pathsOutsideTheDropFolderAndMissingFilesAreRefused() {
    assertThatThrownBy(() -> kit().variable("operation", "READ").variable("format", "CSV")
        .variable("path", "in/../../etc/passwd").execute())
        .satisfies(e -> assertThat(((ConnectorException) e).code()).isEqualTo("PATH_OUTSIDE_ROOT"));
    assertThatThrownBy(() -> kit().variable("operation", "READ").variable("format", "CSV")
        .variable("path", "missing.csv").execute())
        .hasMessageContaining("missing.csv")
        .satisfies(e -> assertThat(((ConnectorException) e).code()).isEqualTo("FILE_NOT_FOUND"));
  }

  @Test
  void aSymbolicLinkLeadingOutIsRefused() throws Exception {
    Path outside = Files.createTempDirectory("plugboard-outside");
    Files.writeString(outside.resolve("secret.txt"), "x");
    Files.createSymbolicLink(drop.resolve("link"), outside);
    assertThatThrownBy(() -> kit().variable("operation", "READ").variable("format", "CSV")
        .variable("path", "link/secret.txt").execute())
        .satisfies(e -> assertThat(((ConnectorException) e).code()).isEqualTo("PATH_OUTSIDE_ROOT"));
  }

  private static Map<String, Object> row(Object... kv) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], kv[i + 1]);
    }
    return m;
  }
}
