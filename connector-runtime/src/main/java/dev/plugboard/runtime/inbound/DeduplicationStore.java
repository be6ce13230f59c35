package dev.plugboard.runtime.inbound;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Message ids already correlated, per activation key, in the engine's database (table
 * {@code PLUGBOARD_INBOUND_DEDUP}, created at start). A row is inserted in the same transaction
 * as the correlation, so a message id is recorded exactly when its event reached the engine, and
 * it survives restarts. Rows older than the TTL are deleted by {@link #purgeExpired}.
 */
public final class DeduplicationStore {

  private static final Logger LOG = LoggerFactory.getLogger(DeduplicationStore.class);
  static final int MAX_ID_LENGTH = 255;

  private final JdbcTemplate jdbc;
  private final Duration ttl;

  /**
   * Creates the store and its table when missing.
   *
   * @param dataSource the engine's data source
   * @param ttl how long ids are kept
   */
  public DeduplicationStore(DataSource dataSource, Duration ttl) {
    this.jdbc = new JdbcTemplate(dataSource);
    this.ttl = ttl;
    jdbc.execute("CREATE TABLE IF NOT EXISTS PLUGBOARD_INBOUND_DEDUP ("
        + "ACTIVATION_KEY VARCHAR(255) NOT NULL, MESSAGE_ID VARCHAR(255) NOT NULL,"
        + " CREATED_AT TIMESTAMP NOT NULL, PRIMARY KEY (ACTIVATION_KEY, MESSAGE_ID))");
  }

  /**
   * Records a message id, in the caller's transaction.
   *
   * @param activationKey the element's key
   * @param messageId the message id
   * @return false when the id was already recorded (a duplicate)
   */
  public boolean record(String activationKey, String messageId) {
    try {
      jdbc.update("INSERT INTO PLUGBOARD_INBOUND_DEDUP (ACTIVATION_KEY, MESSAGE_ID, CREATED_AT)"
          + " VALUES (?, ?, ?)", activationKey, messageId, Timestamp.from(Instant.now()));
      return true;
    } catch (DuplicateKeyException e) {
      return false;
    }
  }

  /**
   * Whether a message id was recorded (outside a transaction; for tests and diagnostics: the
   * correlation path relies on {@link #record} alone).
   *
   * @param activationKey the element's key
   * @param messageId the message id
   * @return true when seen
   */
  public boolean seen(String activationKey, String messageId) {
    Integer n = jdbc.queryForObject("SELECT COUNT(*) FROM PLUGBOARD_INBOUND_DEDUP WHERE"
        + " ACTIVATION_KEY = ? AND MESSAGE_ID = ?", Integer.class, activationKey, messageId);
    return n != null && n > 0;
  }

  /** Deletes ids older than the TTL. */
  public void purgeExpired() {
    int n = jdbc.update("DELETE FROM PLUGBOARD_INBOUND_DEDUP WHERE CREATED_AT < ?",
        Timestamp.from(Instant.now().minus(ttl)));
    if (n > 0) {
      LOG.debug("purged expired message ids count={}", n);
    }
  }
}
