package dev.plugboard.connectors.http.support;

import dev.plugboard.sdk.ConnectorException;
import dev.plugboard.sdk.RetryableException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Refuses outbound requests to configured address ranges, the defence against server-side
 * request forgery (a process model that makes the runtime call its cloud metadata service or an
 * internal admin port).
 *
 * <p>Configuration: a comma-separated list of CIDR ranges and aliases, read from the system
 * property {@value #PROPERTY} or else the environment variable {@value #ENV}. Aliases:
 * {@code none} (refuse nothing), {@code link-local} (169.254.0.0/16, fe80::/10: cloud metadata
 * endpoints), {@code loopback}, {@code private} (RFC 1918, carrier-grade NAT, fc00::/7) and
 * {@code recommended} (all of them plus 0.0.0.0/8 and multicast). The default is
 * {@value #DEFAULT}.
 *
 * <p>The host name is resolved and every address it resolves to is checked, and each redirect
 * target is checked again. The HTTP client resolves the name once more when it connects, so a
 * DNS server that answers differently within milliseconds (DNS rebinding) is not covered; deny
 * the ranges at the network level too where that matters.
 */
public final class OutboundGuard {

  /** System property with the denied ranges; wins over {@link #ENV}. */
  public static final String PROPERTY = "plugboard.http.deny-ranges";
  /** Environment variable with the denied ranges. */
  public static final String ENV = "PLUGBOARD_HTTP_DENY_RANGES";
  /** The ranges denied when nothing is configured. */
  public static final String DEFAULT = "link-local";

  private static final Map<String, List<String>> ALIASES = new LinkedHashMap<>();

  static {
    ALIASES.put("none", List.of());
    ALIASES.put("link-local", List.of("169.254.0.0/16", "fe80::/10"));
    ALIASES.put("loopback", List.of("127.0.0.0/8", "::1/128"));
    ALIASES.put("private", List.of("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16",
        "100.64.0.0/10", "fc00::/7"));
    List<String> recommended = new ArrayList<>();
    recommended.addAll(ALIASES.get("link-local"));
    recommended.addAll(ALIASES.get("loopback"));
    recommended.addAll(ALIASES.get("private"));
    recommended.addAll(List.of("0.0.0.0/8", "224.0.0.0/4", "::/128", "ff00::/8"));
    ALIASES.put("recommended", List.copyOf(recommended));
  }

  private final String spec;
  private final List<Cidr> denied;
  private final Function<String, InetAddress[]> resolver;

  private OutboundGuard(String spec, List<Cidr> denied, Function<String, InetAddress[]> resolver) {
    this.spec = spec;
    this.denied = denied;
    this.resolver = resolver;
  }

  /**
   * A guard that denies the given ranges.
   *
   * @param spec comma-separated CIDR ranges and aliases; blank means {@value #DEFAULT}
   * @return the guard
   * @throws IllegalArgumentException naming the entry that is neither a CIDR range nor an alias
   */
  public static OutboundGuard of(String spec) {
    String effective = spec == null || spec.isBlank() ? DEFAULT : spec.trim();
    List<Cidr> ranges = new ArrayList<>();
    for (String raw : effective.split(",")) {
      String entry = raw.trim().toLowerCase(Locale.ROOT);
      if (entry.isEmpty()) {
        continue;
      }
      List<String> alias = ALIASES.get(entry);
      if (alias != null) {
        alias.forEach(c -> ranges.add(Cidr.parse(c)));
      } else {
        ranges.add(Cidr.parse(entry));
      }
    }
    return new OutboundGuard(effective, List.copyOf(ranges), OutboundGuard::resolve);
  }

  /**
   * The guard configured by {@value #PROPERTY} or {@value #ENV}.
   *
   * @return the guard
   * @throws IllegalArgumentException when the configuration has an invalid entry
   */
  public static OutboundGuard fromEnvironment() {
    String value = System.getProperty(PROPERTY);
    if (value == null || value.isBlank()) {
      value = System.getenv(ENV);
    }
    try {
      return of(value);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("Invalid " + PROPERTY + " / " + ENV + ": "
          + e.getMessage() + ". Use comma-separated CIDR ranges (10.0.0.0/8, fe80::/10) or the"
          + " aliases " + ALIASES.keySet(), e);
    }
  }

  /**
   * The configuration this guard was made from, for logs.
   *
   * @return the configuration
   */
  public String spec() {
    return spec;
  }

  /**
   * Checks that a request to {@code uri} is allowed.
   *
   * @param method the HTTP method, for the message
   * @param uri the target
   * @throws ConnectorException {@code ADDRESS_DENIED} when an address of the host is in a denied
   *     range
   * @throws RetryableException {@code UNKNOWN_HOST} when the host name does not resolve
   */
  public void check(String method, URI uri) {
    if (denied.isEmpty()) {
      return;
    }
    String host = uri.getHost();
    if (host == null) {
      throw new ConnectorException("INVALID_INPUT",
          "URL of " + Endpoints.describe(method, uri) + " has no host name; give an absolute"
              + " http:// or https:// URL");
    }
    String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1)
        : host;
    InetAddress[] addresses = resolver.apply(bare);
    if (addresses == null) {
      throw new RetryableException("UNKNOWN_HOST", "Host '" + bare + "' of "
          + Endpoints.describe(method, uri) + " does not resolve; check the URL or the DNS");
    }
    for (InetAddress address : addresses) {
      for (Cidr range : denied) {
        if (range.contains(address)) {
          throw new ConnectorException("ADDRESS_DENIED",
              "Request " + Endpoints.describe(method, uri) + " refused: host '" + bare
                  + "' resolves to " + address.getHostAddress() + ", which is in the denied range "
                  + range + " (" + ENV + "=" + spec + "). Call a public address, or ask the"
                  + " operator to change " + ENV + ".");
        }
      }
    }
  }

  private static InetAddress[] resolve(String host) {
    try {
      return InetAddress.getAllByName(host);
    } catch (UnknownHostException e) {
      return null;
    }
  }

  @Override
  public String toString() {
    return "OutboundGuard[" + spec + "]";
  }

  /** An address range; IPv4-mapped IPv6 addresses are compared as IPv4. */
  record Cidr(byte[] network, int prefix, String text) {

    static Cidr parse(String text) {
      int slash = text.indexOf('/');
      String addr = slash < 0 ? text : text.substring(0, slash);
      // Only literal addresses: anything else would make getByName query the DNS.
      if (!addr.matches("\\d{1,3}(\\.\\d{1,3}){3}") && !addr.matches("[0-9a-fA-F:.]*:[0-9a-fA-F:.]*")) {
        throw new IllegalArgumentException("'" + text + "' is not a CIDR range");
      }
      byte[] bytes;
      try {
        // A literal address never triggers a DNS lookup.
        bytes = InetAddress.getByName(addr).getAddress();
      } catch (UnknownHostException e) {
        throw new IllegalArgumentException("'" + text + "' is not a CIDR range", e);
      }
      int max = bytes.length * 8;
      int prefix;
      try {
        prefix = slash < 0 ? max : Integer.parseInt(text.substring(slash + 1));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("'" + text + "' has an invalid prefix length", e);
      }
      if (prefix < 0 || prefix > max) {
        throw new IllegalArgumentException("'" + text + "' has a prefix length outside 0.." + max);
      }
      return new Cidr(bytes, prefix, text);
    }

    boolean contains(InetAddress address) {
      byte[] candidate = normalize(address.getAddress());
      if (candidate.length != network.length) {
        return false;
      }
      int full = prefix / 8;
      for (int i = 0; i < full; i++) {
        if (candidate[i] != network[i]) {
          return false;
        }
      }
      int rest = prefix % 8;
      if (rest == 0) {
        return true;
      }
      int mask = (0xFF << (8 - rest)) & 0xFF;
      return (candidate[full] & mask) == (network[full] & mask);
    }

    private static byte[] normalize(byte[] address) {
      if (address.length == 16) {
        boolean mapped = true;
        for (int i = 0; i < 10; i++) {
          mapped &= address[i] == 0;
        }
        mapped &= address[10] == (byte) 0xFF && address[11] == (byte) 0xFF;
        if (mapped) {
          return Arrays.copyOfRange(address, 12, 16);
        }
      }
      return address;
    }

    @Override
    public String toString() {
      return text;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Cidr c && c.prefix == prefix && Arrays.equals(c.network, network);
    }

    @Override
    public int hashCode() {
      return 31 * Arrays.hashCode(network) + prefix;
    }
  }
}
