package dev.plugboard.legacy.jms;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.jms.BytesMessage;
import jakarta.jms.JMSException;
import jakarta.jms.MapMessage;
import jakarta.jms.Message;
import jakarta.jms.TextMessage;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Reads received messages into plain values for process variables. */
final class JmsMessages {

  private static final ObjectMapper JSON = new ObjectMapper();

  private JmsMessages() {}

  /**
   * The body: text (parsed when it is a JSON object or array), bytes as Base64, a map message as
   * a map; an {@code ObjectMessage} gives {@code null} (never deserialized: that would run
   * classes the broker sends).
   */
  static Object body(Message message) throws JMSException {
    if (message instanceof TextMessage text) {
      String t = text.getText();
      if (t != null && (t.startsWith("{") || t.startsWith("["))) {
        try {
          return JSON.readValue(t, Object.class);
        } catch (JsonProcessingException notJson) {
          return t;
        }
      }
      return t;
    }
    if (message instanceof BytesMessage bytes) {
      byte[] data = new byte[(int) bytes.getBodyLength()];
      bytes.readBytes(data);
      return Base64.getEncoder().encodeToString(data);
    }
    if (message instanceof MapMessage map) {
      Map<String, Object> out = new LinkedHashMap<>();
      for (Object name : Collections.list(map.getMapNames())) {
        out.put((String) name, map.getObject((String) name));
      }
      return out;
    }
    return null;
  }

  /** The message's properties by name. */
  static Map<String, Object> properties(Message message) throws JMSException {
    Map<String, Object> out = new LinkedHashMap<>();
    for (Object name : Collections.list(message.getPropertyNames())) {
      out.put((String) name, message.getObjectProperty((String) name));
    }
    return out;
  }
}
