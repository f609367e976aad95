package se.nyckeltal.warehouse.gateway.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import se.nyckeltal.warehouse.gateway.wire.PgError;

class SqlTextTest {
    @Test
    void splitsAtSemicolonsOutsideQuotesCommentsAndDollarQuotes() {
        assertThat(SqlText.split("SET DateStyle = 'ISO';SET extra_float_digits = 2;show transaction_isolation"))
                .containsExactly("SET DateStyle = 'ISO'", "SET extra_float_digits = 2", "show transaction_isolation");
        assertThat(SqlText.split("SELECT ';' AS a, \"x;y\", $$;$$, $tag$ ; $tag$ -- ; comment\n; /* ; */ SELECT 2;;"))
                .containsExactly("SELECT ';' AS a, \"x;y\", $$;$$, $tag$ ; $tag$ -- ; comment", "/* ; */ SELECT 2");
        assertThat(SqlText.split("SELECT E'it\\'s; fine'")).containsExactly("SELECT E'it\\'s; fine'");
        assertThat(SqlText.split(" ; -- nothing\n")).isEmpty();
    }

    @Test
    void statementKindsComeFromTheFirstWord() {
        assertThat(StatementKind.of("/* hi */ (SELECT 1)")).isEqualTo(StatementKind.QUERY);
        assertThat(StatementKind.of("with x as (select 1) select * from x")).isEqualTo(StatementKind.QUERY);
        assertThat(StatementKind.of("explain analyze select 1")).isEqualTo(StatementKind.EXPLAIN);
        assertThat(StatementKind.of("SHOW TABLES")).isEqualTo(StatementKind.QUERY);
        assertThat(StatementKind.of("show search_path")).isEqualTo(StatementKind.SHOW);
        // COPY is read by the gateway: TO STDOUT is a read; to a file or FROM is refused when planned
        assertThat(StatementKind.of("COPY t TO '/tmp/x'")).isEqualTo(StatementKind.COPY);
        assertThatThrownBy(() -> CopyCommand.parse("COPY t TO '/tmp/x'")).isInstanceOfSatisfying(PgError.class,
                e -> assertThat(e.sqlState()).isEqualTo(PgError.INSUFFICIENT_PRIVILEGE));
        assertThatThrownBy(() -> CopyCommand.parse("COPY t FROM STDIN")).isInstanceOfSatisfying(PgError.class,
                e -> assertThat(e.sqlState()).isEqualTo(PgError.INSUFFICIENT_PRIVILEGE));
        assertThat(CopyCommand.parse("COPY (SELECT ')' AS x) TO STDOUT (FORMAT csv)").query()).isEqualTo("SELECT ')' AS x");
        assertThat(StatementKind.of("ATTACH 'x.db'")).isEqualTo(StatementKind.REFUSED);
        assertThat(StatementKind.of("SELEC 1")).isEqualTo(StatementKind.QUERY);
        assertThat(StatementKind.of("-- only a comment")).isEqualTo(StatementKind.EMPTY);
        assertThat(StatementKind.of("DEALLOCATE \"_PLAN0x55d1\"")).isEqualTo(StatementKind.DEALLOCATE);
    }

    @Test
    void sessionSettingsAcceptClientSettingsAndRefuseTheRest() {
        SessionSettings settings = new SessionSettings(64);
        assertThat(settings.set("SET application_name = 'Power BI'")).containsEntry("application_name", "Power BI");
        assertThat(settings.set("SET extra_float_digits = 3")).isEmpty();
        assertThat(settings.set("set time zone 'Europe/Stockholm'")).containsEntry("TimeZone", "Europe/Stockholm");
        assertThat(settings.zone().getId()).isEqualTo("Europe/Stockholm");
        assertThat(settings.set("SET search_path TO kpi, \"$user\", public")).isEmpty();
        assertThat(settings.searchPath()).containsExactly("kpi");
        assertThat(settings.set("SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY")).isEmpty();
        assertThat(settings.show("SHOW transaction isolation level")).containsEntry("transaction_isolation", "read committed");
        assertThat(settings.show("SHOW server_version")).containsEntry("server_version", "15.6");
        assertThatThrownBy(() -> settings.set("SET enable_external_access = true"))
                .isInstanceOfSatisfying(PgError.class, e -> assertThat(e.sqlState()).isEqualTo("42501"));
        assertThatThrownBy(() -> settings.set("SET client_encoding = 'LATIN1'"))
                .isInstanceOfSatisfying(PgError.class, e -> assertThat(e.sqlState()).isEqualTo("0A000"));
        assertThatThrownBy(() -> settings.show("SHOW no_such_setting"))
                .isInstanceOfSatisfying(PgError.class, e -> assertThat(e.sqlState()).isEqualTo("42704"));
        assertThat(settings.reset("RESET ALL")).containsEntry("application_name", "").containsEntry("TimeZone", "UTC");
    }

    @Test
    void catalogueQueriesAreRewrittenForTheGatewaysCatalogue() {
        String psql = "SELECT n.nspname FROM pg_catalog.pg_class c LEFT JOIN pg_catalog.pg_namespace n ON n.oid ="
                + " c.relnamespace WHERE c.relname OPERATOR(pg_catalog.~) '^(kpi_values)$' COLLATE pg_catalog.default"
                + " AND c.oid = 'pg_catalog.pg_class'::regclass AND c.reloftype::pg_catalog.regtype::pg_catalog.text = ''";
        assertThat(PgDialect.isCatalogQuery(psql)).isTrue();
        assertThat(PgDialect.rewrite(psql)).isEqualTo("SELECT n.nspname FROM pg_class c LEFT JOIN pg_namespace n ON n.oid ="
                + " c.relnamespace WHERE c.relname  ~  '^(kpi_values)$' AND c.oid = gw_regclass('pg_catalog.pg_class')"
                + " AND gw_typname(c.reloftype)::text = ''");
        assertThat(PgDialect.rewrite("SELECT table_name FROM INFORMATION_SCHEMA.columns WHERE x = 'pg_catalog.y'"))
                .isEqualTo("SELECT table_name FROM information_schema_columns WHERE x = 'pg_catalog.y'");
        assertThat(PgDialect.rewrite("select typinput='pg_catalog.array_in'::regproc, current_setting('x')"))
                .isEqualTo("select typinput='array_in', gw_setting_value('x')");
        assertThat(PgDialect.isCatalogQuery("SELECT version, value FROM kpi.kpi_values")).isFalse();
        assertThat(PgDialect.isCatalogQuery("SELECT 'pg_class' AS name")).isFalse();
    }
}
