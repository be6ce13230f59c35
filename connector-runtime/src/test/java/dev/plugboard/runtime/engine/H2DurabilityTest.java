package dev.plugboard.runtime.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The default H2 URL keeps a commit when the process dies right after it (as under
 * {@code kill -9}); with a write delay (H2's default is 500 ms) the commit is lost. A child JVM commits one row and halts at once, with
 * no shutdown hook and no close; this JVM then opens the file and counts.
 */
class H2DurabilityTest {

  @TempDir
  Path dir;

  @Test
  void aCommitSurvivesAKilledProcessWithTheDefaultUrl() throws Exception {
    String url = EngineSelection.DEFAULT_H2_URL.replace("./data/plugboard",
        dir.resolve("durable").toString());

    commitInAChildAndHalt(url);

    assertThat(rows(url)).isEqualTo(1);
  }

  @Test
  void withAWriteDelayTheSameCommitIsLost() throws Exception {
    // H2's default is 500 ms; a long delay makes the loss certain instead of likely, which shows
    // that the test above would see a lost commit
    String url = "jdbc:h2:file:" + dir.resolve("delayed") + ";AUTO_SERVER=FALSE;WRITE_DELAY=600000";

    commitInAChildAndHalt(url);

    // the file holds nothing: not even the table survived
    assertThat(rows(url)).isEqualTo(-1);
  }

  private static void commitInAChildAndHalt(String url) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process child = new ProcessBuilder(List.of(java, "-cp",
        System.getProperty("java.class.path"), CommitThenHalt.class.getName(), url))
        .redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.PIPE).start();
    String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(out).as("child output").contains("committed");
    assertThat(child.exitValue()).as(out).isEqualTo(9);
  }

  private static int rows(String url) throws SQLException {
    try (Connection c = DriverManager.getConnection(url, "sa", "")) {
      ResultSet tables = c.getMetaData().getTables(null, null, "T", null);
      if (!tables.next()) {
        return -1;
      }
      ResultSet r = c.createStatement().executeQuery("select count(*) from t");
      r.next();
      return r.getInt(1);
    }
  }

  /** The child: create a table, commit one row, then halt as a killed process would. */
  static final class CommitThenHalt {
    public static void main(String[] args) throws Exception {
      Connection c = DriverManager.getConnection(args[0], "sa", "");
      c.createStatement().execute("create table t(id int)");
      c.setAutoCommit(false);
      c.createStatement().execute("insert into t values (1)");
      c.commit();
      System.out.println("committed");
      System.out.flush();
      Runtime.getRuntime().halt(9);
    }
  }
}
