package dev.plugboard.runtime.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/** The message id store on an H2 file database, as the runtime uses by default. */
class DeduplicationStoreTest {

  static JdbcDataSource fileDb(Path dir) {
    JdbcDataSource ds = new JdbcDataSource();
    ds.setURL("jdbc:h2:file:" + dir.resolve("dedup") + ";AUTO_SERVER=FALSE");
    ds.setUser("sa");
    return ds;
  }

  @Test
  void aRecordedMessageIdIsStillADuplicateAfterARestart() throws Exception {
    Path dir = Files.createTempDirectory("plugboard-dedup");
    DeduplicationStore first = new DeduplicationStore(fileDb(dir), Duration.ofDays(7));
    assertThat(first.record("p/Start", "m-1")).isTrue();
    assertThat(first.record("p/Start", "m-1")).isFalse();
    new JdbcTemplate(fileDb(dir)).execute("SHUTDOWN");

    // a new store on the same database: the table exists, the id is remembered
    DeduplicationStore second = new DeduplicationStore(fileDb(dir), Duration.ofDays(7));
    assertThat(second.seen("p/Start", "m-1")).isTrue();
    assertThat(second.record("p/Start", "m-1")).isFalse();
    // ids are kept per element
    assertThat(second.record("p/Other", "m-1")).isTrue();
  }

  @Test
  void idsOlderThanTheTtlArePurged() throws Exception {
    Path dir = Files.createTempDirectory("plugboard-dedup");
    DeduplicationStore store = new DeduplicationStore(fileDb(dir), Duration.ofMinutes(10));
    store.record("p/Start", "old");
    store.record("p/Start", "new");
    new JdbcTemplate(fileDb(dir)).update("UPDATE PLUGBOARD_INBOUND_DEDUP SET CREATED_AT ="
        + " DATEADD('HOUR', -1, CURRENT_TIMESTAMP) WHERE MESSAGE_ID = 'old'");
    store.purgeExpired();
    assertThat(store.seen("p/Start", "old")).isFalse();
    assertThat(store.seen("p/Start", "new")).isTrue();
  }
}
