package dev.plugboard.legacy.flatfile;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** Text to typed value and back for one field, with errors that name the line and the field. */
final class FieldCodec {

  private FieldCodec() {}

  static Object read(FieldSpec f, String raw, String where) {
    String text = f.trim() ? raw.strip() : raw;
    if (text.strip().isEmpty()) {
      if (f.required()) {
        throw new RecordInvalidException(where, f.name(), "the value is empty but the field is required");
      }
      return f.type() == FieldType.STRING ? text : null;
    }
    String t = text.strip();
    try {
      return switch (f.type()) {
        case STRING -> text;
        case INTEGER -> {
          BigInteger n = new BigInteger(t.startsWith("+") ? t.substring(1) : t);
          yield n.bitLength() < 63 ? (Object) n.longValue() : n;
        }
        case DECIMAL -> {
          BigDecimal d = new BigDecimal(t.startsWith("+") ? t.substring(1) : t);
          yield f.scale() != null && f.scale() > 0 && t.indexOf('.') < 0 ? d.movePointLeft(f.scale()) : d;
        }
        case DATE -> LocalDate.parse(t, dateFormat(f)).toString();
        case BOOLEAN -> readBoolean(f, t, where);
      };
    } catch (NumberFormatException e) {
      throw new RecordInvalidException(where, f.name(), "'" + t + "' is not " + (f.type() == FieldType.INTEGER
          ? "a whole number" : "a decimal number"));
    } catch (DateTimeParseException e) {
      throw new RecordInvalidException(where, f.name(), "'" + t + "' is not a date in the format "
          + (f.format() == null ? "yyyy-MM-dd" : f.format()));
    }
  }

  private static Boolean readBoolean(FieldSpec f, String t, String where) {
    String[] words = booleanWords(f);
    if (t.equalsIgnoreCase(words[0])) {
      return true;
    }
    if (t.equalsIgnoreCase(words[1])) {
      return false;
    }
    throw new RecordInvalidException(where, f.name(), "'" + t + "' is neither " + words[0] + " nor " + words[1]);
  }

  private static String[] booleanWords(FieldSpec f) {
    if (f.format() != null && f.format().contains("/")) {
      return f.format().split("/", 2);
    }
    return new String[] {"true", "false"};
  }

  private static DateTimeFormatter dateFormat(FieldSpec f) {
    try {
      return f.format() == null || f.format().isBlank() ? DateTimeFormatter.ISO_LOCAL_DATE
          : DateTimeFormatter.ofPattern(f.format());
    } catch (IllegalArgumentException e) {
      throw new dev.plugboard.sdk.ConnectorException("INVALID_INPUT", "Field '" + f.name()
          + "' has an invalid date format '" + f.format() + "': " + e.getMessage());
    }
  }

  /** The field's text for a JSON value (not yet padded). */
  static String write(FieldSpec f, Object value, String where) {
    if (value == null) {
      if (f.required()) {
        throw new RecordInvalidException(where, f.name(), "the value is missing but the field is required");
      }
      return "";
    }
    try {
      return switch (f.type()) {
        case STRING -> String.valueOf(value);
        case INTEGER -> new BigDecimal(String.valueOf(value)).toBigIntegerExact().toString();
        case DECIMAL -> {
          BigDecimal d = new BigDecimal(String.valueOf(value));
          if (f.scale() != null) {
            d = d.setScale(f.scale(), java.math.RoundingMode.UNNECESSARY);
            yield f.scale() > 0 && f.start() != null ? d.unscaledValue().toString() : d.toPlainString();
          }
          yield d.toPlainString();
        }
        case DATE -> {
          LocalDate date = LocalDate.parse(String.valueOf(value));
          yield date.format(dateFormat(f));
        }
        case BOOLEAN -> {
          boolean b = value instanceof Boolean bool ? bool : Boolean.parseBoolean(String.valueOf(value));
          yield booleanWords(f)[b ? 0 : 1];
        }
      };
    } catch (NumberFormatException | ArithmeticException e) {
      throw new RecordInvalidException(where, f.name(), "'" + value + "' is not " + (f.type() == FieldType.INTEGER
          ? "a whole number" : "a decimal number with at most " + f.scale() + " decimals"));
    } catch (DateTimeParseException e) {
      throw new RecordInvalidException(where, f.name(), "'" + value + "' is not an ISO date (yyyy-MM-dd)");
    }
  }

  /** Pads (or refuses) a text to the field's length. */
  static String pad(FieldSpec f, String text, String where) {
    int length = f.length();
    if (text.length() > length) {
      throw new RecordInvalidException(where, f.name(), "'" + text + "' has " + text.length()
          + " characters, more than the field's length " + length);
    }
    StringBuilder sb = new StringBuilder(length);
    int missing = length - text.length();
    char pad = f.paddingChar();
    if (f.alignRight()) {
      String body = text;
      if (pad == '0' && text.startsWith("-")) {
        sb.append('-'); // zero padding goes between the sign and the digits
        body = text.substring(1);
      }
      sb.append(String.valueOf(pad).repeat(missing)).append(body);
    } else {
      sb.append(text).append(String.valueOf(pad).repeat(missing));
    }
    return sb.toString();
  }
}
