package dev.plugboard.rpa.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArtifactStoreTest {

  @TempDir Path root;

  @Test
  void storesListsAndReplacesArtifactsOfAnItem() throws Exception {
    ArtifactStore store = new ArtifactStore(root, 100);
    store.store("item-1", "log.txt", in("first"));
    RpaApi.Artifact a = store.store("item-1", "log.txt", in("second"));
    store.store("item-1", "screen.png", in("png"));
    assertThat(a.size()).isEqualTo(6);
    assertThat(Files.readString(root.resolve("item-1/log.txt"))).isEqualTo("second");
    assertThat(store.list("item-1")).extracting(RpaApi.Artifact::name)
        .containsExactly("log.txt", "screen.png");
    assertThat(store.list("item-2")).isEmpty();
  }

  @Test
  void namesThatCouldLeaveTheItemFolderAreRefused() {
    ArtifactStore store = new ArtifactStore(root, 100);
    for (String bad : new String[] {"../x", "..", ".hidden", "a/b", "a\\b", "", "x".repeat(129)}) {
      assertThatThrownBy(() -> store.store("item-1", bad, in("x")))
          .as(bad).isInstanceOf(RpaException.class)
          .extracting(e -> ((RpaException) e).code()).isEqualTo("INVALID_ARTIFACT_NAME");
    }
    assertThatThrownBy(() -> store.store("../item", "a.txt", in("x")))
        .extracting(e -> ((RpaException) e).code()).isEqualTo("INVALID_ITEM_ID");
  }

  @Test
  void anArtifactOverTheLimitIsRefusedAndLeavesNothingBehind() throws Exception {
    ArtifactStore store = new ArtifactStore(root, 10);
    assertThatThrownBy(() -> store.store("item-1", "big.log", in("x".repeat(11))))
        .extracting(e -> ((RpaException) e).status()).isEqualTo(413);
    assertThat(store.list("item-1")).isEmpty();
    try (var s = Files.list(root.resolve("item-1"))) {
      assertThat(s.count()).isZero();
    }
  }

  private static ByteArrayInputStream in(String s) {
    return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
  }
}
