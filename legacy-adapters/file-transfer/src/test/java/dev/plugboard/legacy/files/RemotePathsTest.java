package dev.plugboard.legacy.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plugboard.sdk.ConnectorException;
import org.junit.jupiter.api.Test;

class RemotePathsTest {

  final RemotePaths paths = new RemotePaths("/srv/edi/");

  @Test
  void pathsAreNormalizedInsideTheRoot() {
    assertThat(paths.root()).isEqualTo("/srv/edi");
    assertThat(paths.resolve("in/./a/../b.txt")).isEqualTo("/srv/edi/in/b.txt");
    assertThat(paths.resolve("/in/b.txt")).isEqualTo("/srv/edi/in/b.txt");
    assertThat(new RemotePaths("/").resolve("x/y")).isEqualTo("/x/y");
  }

  @Test
  void escapingTheRootIsRefused() {
    assertThatThrownBy(() -> paths.resolve("in/../../etc/passwd"))
        .isInstanceOf(ConnectorException.class)
        .hasMessageContaining("/srv/edi")
        .satisfies(e -> assertThat(((ConnectorException) e).code()).isEqualTo("PATH_OUTSIDE_ROOT"));
    assertThatThrownBy(() -> paths.resolve("..")).hasMessageContaining("outside");
  }

  @Test
  void backslashesAndNulAreRefused() {
    assertThatThrownBy(() -> paths.resolve("..\\..\\x"))
        .satisfies(e -> assertThat(((ConnectorException) e).code()).isEqualTo("INVALID_INPUT"));
  }
}
