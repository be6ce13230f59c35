package dev.plugboard.legacy.flatfile;

import dev.plugboard.sdk.Connector;
import dev.plugboard.sdk.ConnectorContext;
import dev.plugboard.sdk.ConnectorException;
import dev.plugboard.sdk.OutboundConnector;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.UnsupportedCharsetException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Fixed-width and CSV records (as mainframe and ERP extracts come) to JSON and back, from text
 * or from files in the runtime's drop folder.
 *
 * <p>The drop folder is the operator's choice, not the modeler's: environment variable
 * {@code PLUGBOARD_DROP_FOLDER} (or system property {@code plugboard.dropFolder}), default
 * {@code ./data/drop-folder}. Pure Java: no Camel component fits records with per-field types,
 * line-numbered errors and a confined folder better than these few classes.
 *
 * <p>Error codes: {@code RECORD_INVALID} (names the line or record and the field),
 * {@code PATH_OUTSIDE_ROOT}, {@code FILE_NOT_FOUND}, {@code FILE_EXISTS}, {@code FILE_TOO_LARGE},
 * {@code FILE_ACCESS_FAILED}, {@code INVALID_INPUT}.
 */
@Connector(type = "plugboard:flat-file:1", name = "Flat file (fixed width / CSV)",
    description = "Read and write fixed-width and CSV records as JSON, from text or a drop folder.",
    category = "Legacy", icon = "icons/flat-file.svg",
    keywords = {"csv", "fixed width", "flat file", "mainframe", "cobol", "erp", "extract", "ebcdic"})
public class FlatFileConnector implements OutboundConnector<FlatFileInput, FlatFileResult> {

  private final DropFolder folder;

  /** For the runtime: the drop folder from {@code PLUGBOARD_DROP_FOLDER}. */
  public FlatFileConnector() {
    this(defaultRoot());
  }

  /**
   * A connector with its own drop folder (tests, embedding).
   *
   * @param dropFolder the folder files are read from and written to
   */
  public FlatFileConnector(Path dropFolder) {
    this.folder = new DropFolder(dropFolder);
  }

  private static Path defaultRoot() {
    String env = System.getenv("PLUGBOARD_DROP_FOLDER");
    String prop = System.getProperty("plugboard.dropFolder");
    String root = prop != null && !prop.isBlank() ? prop : env != null && !env.isBlank() ? env : "data/drop-folder";
    return Path.of(root);
  }

  @Override
  public FlatFileResult execute(FlatFileInput in, ConnectorContext context) {
    Charset charset = charset(in.charset());
    String newline = "CRLF".equalsIgnoreCase(in.lineEnding()) ? "\r\n" : "\n";
    FlatFileResult result = switch (in.operation()) {
      case PARSE -> {
        List<Map<String, Object>> records = parse(in, in.content() == null ? "" : in.content());
        yield new FlatFileResult(records, records.size(), null, null, null);
      }
      case FORMAT -> new FlatFileResult(null, in.records().size(), format(in, newline), null, null);
      case READ -> {
        Path file = folder.resolve(in.path());
        byte[] bytes = folder.read(file, in.maxBytes(), in.path());
        List<Map<String, Object>> records = parse(in, decode(bytes, charset, in.path()));
        yield new FlatFileResult(records, records.size(), null, shown(file), null);
      }
      case WRITE -> {
        Path file = folder.resolve(in.path());
        // The whole file is formatted before anything is written: a bad record leaves no file.
        byte[] bytes = encode(format(in, newline), charset);
        folder.write(file, bytes, in.overwrite(), in.path());
        yield new FlatFileResult(null, in.records().size(), null, shown(file), (long) bytes.length);
      }
    };
    context.logger().info("event=flat_file operation={} format={} records={} path={}",
        in.operation(), in.format(), result.recordCount(), result.path());
    return result;
  }

  private List<Map<String, Object>> parse(FlatFileInput in, String text) {
    return in.format() == FlatFileFormat.FIXED_WIDTH
        ? FixedWidthFormat.parse(text, in.fields(), in.skipLines())
        : new CsvFormat(in.delimiter(), in.quote(), in.header()).parse(text, in.fields(), in.skipLines());
  }

  private String format(FlatFileInput in, String newline) {
    return in.format() == FlatFileFormat.FIXED_WIDTH
        ? FixedWidthFormat.format(in.records(), in.fields(), newline)
        : new CsvFormat(in.delimiter(), in.quote(), in.header()).format(in.records(), in.fields(), newline);
  }

  private String shown(Path file) {
    return "/" + folder.root().relativize(file).toString().replace('\\', '/');
  }

  private static Charset charset(String name) {
    try {
      return Charset.forName(name);
    } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
      throw new ConnectorException("INVALID_INPUT", "The character set '" + name
          + "' is not known; use for example UTF-8, ISO-8859-1, windows-1252 or IBM1047.");
    }
  }

  private static String decode(byte[] bytes, Charset charset, String path) {
    try {
      return charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      throw new ConnectorException("RECORD_INVALID", "The file " + path + " is not valid " + charset.name()
          + " text (" + e.getMessage() + "); set 'charset' to the file's character set.");
    }
  }

  private static byte[] encode(String text, Charset charset) {
    try {
      ByteBuffer buffer = charset.newEncoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).encode(CharBuffer.wrap(text));
      byte[] bytes = new byte[buffer.remaining()];
      buffer.get(bytes);
      return bytes;
    } catch (CharacterCodingException e) {
      throw new ConnectorException("RECORD_INVALID", "The records hold characters that " + charset.name()
          + " cannot represent (" + e.getMessage() + "); choose another 'charset' or clean the data.");
    }
  }
}
