package dev.plugboard.legacy.soap;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/** JDK DOM helpers: parsing without external entities, JSON-like maps to elements and back. */
final class Xml {

  private Xml() {}

  static DocumentBuilder builder() {
    try {
      DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
      f.setNamespaceAware(true);
      // No DTDs and no external entities: a response must not make us read local files (XXE).
      f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      f.setXIncludeAware(false);
      f.setExpandEntityReferences(false);
      return f.newDocumentBuilder();
    } catch (ParserConfigurationException e) {
      throw new IllegalStateException("the JDK's XML parser lacks a standard feature", e);
    }
  }

  static Document parse(byte[] xml) throws SAXException, IOException {
    return builder().parse(new ByteArrayInputStream(xml));
  }

  static Document newDocument() {
    return builder().newDocument();
  }

  static String toString(Node node, boolean declaration) {
    try {
      TransformerFactory tf = TransformerFactory.newInstance();
      tf.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
      tf.setAttribute(XMLConstants.ACCESS_EXTERNAL_STYLESHEET, "");
      Transformer t = tf.newTransformer();
      t.setOutputProperty(OutputKeys.OMIT_XML_DECLARATION, declaration ? "no" : "yes");
      t.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
      StringWriter out = new StringWriter();
      t.transform(new DOMSource(node), new StreamResult(out));
      return out.toString();
    } catch (TransformerException e) {
      throw new IllegalStateException("cannot write XML: " + e.getMessageAndLocation(), e);
    }
  }

  static List<Element> children(Element parent) {
    List<Element> out = new ArrayList<>();
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e) {
        out.add(e);
      }
    }
    return out;
  }

  static Element child(Element parent, String namespace, String localName) {
    for (Element e : children(parent)) {
      if (localName.equals(e.getLocalName()) && (namespace == null || namespace.equals(e.getNamespaceURI()))) {
        return e;
      }
    }
    return null;
  }

  /** Appends a value as child elements named {@code name}: maps nest, lists repeat. */
  @SuppressWarnings("unchecked")
  static void append(Document doc, Element parent, String namespace, String prefix, String name, Object value) {
    if (value instanceof List<?> list) {
      for (Object item : list) {
        append(doc, parent, namespace, prefix, name, item);
      }
      return;
    }
    Element e = doc.createElementNS(namespace, prefix == null ? name : prefix + ":" + name);
    parent.appendChild(e);
    if (value instanceof Map<?, ?> map) {
      for (Map.Entry<String, Object> c : ((Map<String, Object>) map).entrySet()) {
        if (c.getKey().startsWith("@")) {
          e.setAttribute(c.getKey().substring(1), String.valueOf(c.getValue()));
        } else {
          append(doc, e, namespace, prefix, c.getKey(), c.getValue());
        }
      }
    } else if (value != null) {
      e.setTextContent(String.valueOf(value));
    }
  }

  /**
   * An element as JSON-like data: text-only elements become strings, others maps of their
   * children (repeated names become lists), attributes {@code @name}.
   */
  static Object toValue(Element element) {
    List<Element> kids = children(element);
    NamedNodeMap attrs = element.getAttributes();
    List<Node> plainAttrs = new ArrayList<>();
    for (int i = 0; i < attrs.getLength(); i++) {
      Node a = attrs.item(i);
      if (!XMLConstants.XMLNS_ATTRIBUTE_NS_URI.equals(a.getNamespaceURI())) {
        plainAttrs.add(a);
      }
    }
    if (kids.isEmpty() && plainAttrs.isEmpty()) {
      return element.getTextContent();
    }
    Map<String, Object> map = new LinkedHashMap<>();
    for (Node a : plainAttrs) {
      map.put("@" + (a.getLocalName() == null ? a.getNodeName() : a.getLocalName()), a.getNodeValue());
    }
    if (kids.isEmpty()) {
      map.put("#text", element.getTextContent());
      return map;
    }
    for (Element k : kids) {
      Object v = toValue(k);
      String name = k.getLocalName();
      Object existing = map.get(name);
      if (existing == null) {
        map.put(name, v);
      } else if (existing instanceof RepeatedList list) {
        list.add(v);
      } else {
        RepeatedList list = new RepeatedList();
        list.add(existing);
        list.add(v);
        map.put(name, list);
      }
    }
    return map;
  }

  /** Marks lists made from repeated elements, so a value that is itself a list is not merged. */
  private static final class RepeatedList extends ArrayList<Object> {
    private static final long serialVersionUID = 1L;
  }
}
