package dev.plugboard.legacy.soap;

import dev.plugboard.sdk.ConnectorException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * What the connector needs from a WSDL 1.1 for one operation: the endpoint address, the SOAP
 * version of its binding, the SOAP action and the request element (document/literal).
 *
 * @param endpoint the service port's address
 * @param version the binding's SOAP version
 * @param soapAction the operation's action, may be empty
 * @param requestNamespace the request element's namespace
 * @param requestElement the request element's local name
 */
record Wsdl(String endpoint, SoapVersion version, String soapAction, String requestNamespace, String requestElement) {

  private static final String WSDL = "http://schemas.xmlsoap.org/wsdl/";
  private static final String SOAP11 = "http://schemas.xmlsoap.org/wsdl/soap/";
  private static final String SOAP12 = "http://schemas.xmlsoap.org/wsdl/soap12/";

  static Wsdl read(Document doc, String operation, String source) {
    Element defs = doc.getDocumentElement();
    if (!WSDL.equals(defs.getNamespaceURI()) || !"definitions".equals(defs.getLocalName())) {
      throw new ConnectorException("INVALID_INPUT", source + " is not a WSDL 1.1 document (root element "
          + defs.getLocalName() + ").");
    }
    // The first binding that has the operation with a SOAP binding wins; its port gives the address.
    for (Element binding : Xml.children(defs)) {
      if (!"binding".equals(binding.getLocalName()) || !WSDL.equals(binding.getNamespaceURI())) {
        continue;
      }
      SoapVersion version = Xml.child(binding, SOAP12, "binding") != null ? SoapVersion.SOAP_12
          : Xml.child(binding, SOAP11, "binding") != null ? SoapVersion.SOAP_11 : null;
      if (version == null) {
        continue;
      }
      String soapNs = version == SoapVersion.SOAP_12 ? SOAP12 : SOAP11;
      for (Element op : Xml.children(binding)) {
        if (!"operation".equals(op.getLocalName()) || !operation.equals(op.getAttribute("name"))) {
          continue;
        }
        Element soapOp = Xml.child(op, soapNs, "operation");
        String action = soapOp == null ? "" : soapOp.getAttribute("soapAction");
        String[] element = requestElement(defs, local(binding.getAttribute("type")), operation, source);
        String address = address(defs, binding.getAttribute("name"), soapNs);
        return new Wsdl(address, version, action, element[0], element[1]);
      }
    }
    throw new ConnectorException("INVALID_INPUT", "The WSDL " + source + " has no SOAP operation '" + operation
        + "'. Check the operation name (it is case-sensitive).");
  }

  private static String[] requestElement(Element defs, String portTypeName, String operation, String source) {
    for (Element pt : Xml.children(defs)) {
      if (!"portType".equals(pt.getLocalName()) || !portTypeName.equals(pt.getAttribute("name"))) {
        continue;
      }
      for (Element op : Xml.children(pt)) {
        if ("operation".equals(op.getLocalName()) && operation.equals(op.getAttribute("name"))) {
          Element input = Xml.child(op, WSDL, "input");
          String messageName = local(input.getAttribute("message"));
          for (Element msg : Xml.children(defs)) {
            if ("message".equals(msg.getLocalName()) && messageName.equals(msg.getAttribute("name"))) {
              Element part = Xml.child(msg, WSDL, "part");
              if (part != null && !part.getAttribute("element").isEmpty()) {
                String qname = part.getAttribute("element");
                String prefix = qname.contains(":") ? qname.substring(0, qname.indexOf(':')) : null;
                String ns = part.lookupNamespaceURI(prefix);
                return new String[] {ns == null ? defs.getAttribute("targetNamespace") : ns, local(qname)};
              }
            }
          }
        }
      }
    }
    // RPC style: the wrapper element is the operation in the target namespace.
    return new String[] {defs.getAttribute("targetNamespace"), operation};
  }

  private static String address(Element defs, String bindingName, String soapNs) {
    for (Element service : Xml.children(defs)) {
      if (!"service".equals(service.getLocalName())) {
        continue;
      }
      for (Element port : Xml.children(service)) {
        if ("port".equals(port.getLocalName()) && bindingName.equals(local(port.getAttribute("binding")))) {
          Element addr = Xml.child(port, soapNs, "address");
          if (addr != null) {
            return addr.getAttribute("location");
          }
        }
      }
    }
    return null;
  }

  private static String local(String qname) {
    return qname.contains(":") ? qname.substring(qname.indexOf(':') + 1) : qname;
  }
}
