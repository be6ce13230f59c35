package dev.plugboard.connectors.http.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.plugboard.sdk.ConnectorException;
import java.net.InetAddress;
import java.net.URI;
import org.junit.jupiter.api.Test;

class OutboundGuardTest {

  static boolean denied(OutboundGuard guard, String url) {
    try {
      guard.check("GET", URI.create(url));
      return false;
    } catch (ConnectorException e) {
      assertThat(e.code()).isEqualTo("ADDRESS_DENIED");
      return true;
    }
  }

  @Test
  void deniesOnlyLinkLocalByDefault() {
    OutboundGuard guard = OutboundGuard.of(null);

    assertThat(denied(guard, "http://169.254.169.254/latest/meta-data")).isTrue();
    assertThat(denied(guard, "http://[fe80::1]/")).isTrue();
    assertThat(denied(guard, "http://127.0.0.1:8080/")).isFalse();
    assertThat(denied(guard, "http://10.1.2.3/")).isFalse();
  }

  @Test
  void recommendedDeniesPrivateLoopbackAndLinkLocalRanges() {
    OutboundGuard guard = OutboundGuard.of("recommended");

    for (String url : new String[] {"http://10.0.0.1/", "http://172.31.255.255/", "http://192.168.1.1/",
        "http://100.64.0.1/", "http://127.0.0.1/", "http://localhost/", "http://[::1]/",
        "http://[fd00::5]/", "http://0.0.0.0/", "http://169.254.1.1/"}) {
      assertThat(denied(guard, url)).as(url).isTrue();
    }
    assertThat(denied(guard, "http://172.32.0.1/")).isFalse();
    assertThat(denied(guard, "http://8.8.8.8/")).isFalse();
  }

  @Test
  void comparesIpv4MappedIpv6AddressesAsIpv4() throws Exception {
    OutboundGuard.Cidr range = OutboundGuard.Cidr.parse("127.0.0.0/8");

    assertThat(range.contains(InetAddress.getByName("::ffff:127.0.0.1"))).isTrue();
    assertThat(denied(OutboundGuard.of("loopback"), "http://[::ffff:127.0.0.1]/")).isTrue();
  }

  @Test
  void matchesPrefixesThatAreNotByteAligned() throws Exception {
    OutboundGuard.Cidr range = OutboundGuard.Cidr.parse("172.16.0.0/12");

    assertThat(range.contains(InetAddress.getByName("172.16.0.1"))).isTrue();
    assertThat(range.contains(InetAddress.getByName("172.31.0.1"))).isTrue();
    assertThat(range.contains(InetAddress.getByName("172.32.0.1"))).isFalse();
    assertThat(OutboundGuard.Cidr.parse("10.1.2.3").contains(InetAddress.getByName("10.1.2.3"))).isTrue();
  }

  @Test
  void noneDeniesNothing() {
    assertThat(denied(OutboundGuard.of("none"), "http://169.254.169.254/")).isFalse();
  }

  @Test
  void refusesConfigurationThatIsNotCidrOrAlias() {
    assertThatThrownBy(() -> OutboundGuard.of("10.0.0.0/8, intranet.example.com"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("intranet.example.com");
    assertThatThrownBy(() -> OutboundGuard.of("10.0.0.0/33"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("prefix");
    assertThatCode(() -> OutboundGuard.of("10.0.0.0/8,fe80::/10 , link-local")).doesNotThrowAnyException();
  }

  @Test
  void namesTheHostTheAddressAndTheRangeButNotTheQuery() {
    ConnectorException e = catchThrowableOfType(() -> OutboundGuard.of("loopback")
        .check("POST", URI.create("http://localhost:9/admin?token=abc")), ConnectorException.class);

    assertThat(e.getMessage()).contains("POST http://localhost:9/admin").contains("127.0.0.0/8")
        .doesNotContain("token=abc");
  }

  @Test
  void reportsAnUnknownHostAsRetryable() {
    ConnectorException e = catchThrowableOfType(() -> OutboundGuard.of("link-local")
        .check("GET", URI.create("http://no-such-host.invalid/")), ConnectorException.class);

    assertThat(e).isInstanceOf(dev.plugboard.sdk.RetryableException.class);
    assertThat(e.code()).isEqualTo("UNKNOWN_HOST");
  }
}
