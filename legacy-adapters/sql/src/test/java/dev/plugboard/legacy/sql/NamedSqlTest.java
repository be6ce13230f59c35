package dev.plugboard.legacy.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plugboard.sdk.ConnectorException;
import org.junit.jupiter.api.Test;

class NamedSqlTest {

  @Test
  void namedParametersBecomePlaceholdersInOrder() {
    NamedSql sql = NamedSql.parse("select * from t where a = :a and b = :b or a2 = :a;");
    assertThat(sql.jdbcSql()).isEqualTo("select * from t where a = ? and b = ? or a2 = ?");
    assertThat(sql.parameterNames()).containsExactly("a", "b", "a");
  }

  @Test
  void literalsCommentsCastsAndDollarQuotesAreNotParameters() {
    NamedSql sql = NamedSql.parse("select ':x', \"col:y\", now()::date, $$ :z; $$ -- :c ;\n"
        + "from t /* :d ; */ where id = :id");
    assertThat(sql.parameterNames()).containsExactly("id");
    assertThat(sql.jdbcSql()).contains("':x'").contains("::date").contains("$$ :z; $$").endsWith("id = ?");
  }

  @Test
  void positionalPlaceholdersAreRefused() {
    assertThatThrownBy(() -> NamedSql.parse("select * from t where id = ?"))
        .isInstanceOf(ConnectorException.class)
        .hasMessageContaining("positional")
        .extracting(e -> ((ConnectorException) e).code()).isEqualTo("SQL_STATEMENT_REFUSED");
  }

  @Test
  void stackedStatementsAreRefused() {
    assertThatThrownBy(() -> NamedSql.parse("select 1; drop table users"))
        .hasMessageContaining("more than one statement");
  }

  @Test
  void templateMarkersAreRefused() {
    assertThatThrownBy(() -> NamedSql.parse("select * from t where name = '${name}'"))
        .hasMessageContaining("template marker");
  }

  @Test
  void credentialsInJdbcUrlsAreMasked() {
    assertThat(JdbcUrls.redact("jdbc:postgresql://db/x?user=bob&password=s3cret&ssl=true"))
        .isEqualTo("jdbc:postgresql://db/x?user=***&password=***&ssl=true");
    assertThat(JdbcUrls.redact("jdbc:mariadb://bob:s3cret@db:3306/x")).doesNotContain("s3cret");
    assertThat(JdbcUrls.hostPart("jdbc:postgresql://db:5432/x?password=s3cret")).isEqualTo("jdbc:postgresql://db:5432/x");
  }
}
