package io.agentstore.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentstore.AgentStore;
import io.agentstore.audit.AuditModule;
import io.agentstore.audit.Prompt;
import io.agentstore.audit.UserRef;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The audit module's query log carries a user and no session: an erase of that user removes its rows and the lines
 * of its spool (written by read-only opens); another user's rows stay.
 */
class EraseUserQueryLogTest {
    @TempDir
    Path tmp;

    @Test
    void eraseOfAUserRemovesItsQueryLogRowsAndSpoolLines() throws Exception {
        Path db = tmp.resolve("u.duckdb");
        AuditModule audit = AuditModule.create().withQueryLog(true);
        UserRef me = UserRef.local();
        UserRef other = new UserRef("someone-else", "elsewhere", null, null);
        try (AgentStore s = AgentStore.builder().path(db).install(audit).build()) {
            AuditModule.of(s).recordPrompt(Prompt.of("s-me", "my prompt", me));
            AuditModule.of(s).recordPrompt(Prompt.of("s-other", "their prompt", other));
            s.withOrigin("cli query", () -> s.sql("SELECT 1 AS one").rows());
        }
        try (AgentStore ro =
                AgentStore.builder().path(db).readOnly().install(audit).build()) {
            ro.withOrigin("cli query", () -> ro.sql("SELECT 2 AS two").rows());
        }
        Path spool = db.resolveSibling("u.duckdb.query-log.jsonl");
        assertThat(Files.readString(spool)).contains(me.userId());
        assertThat(TestStores.count(db, "SELECT count(*) FROM fact_query_log")).isEqualTo(1);

        EraseReport report = StoreEraser.builder(db).build().erase(EraseScope.user(me.userId()));

        assertThat(TestStores.count(db, "SELECT count(*) FROM fact_query_log")).isZero();
        assertThat(Files.readString(spool)).doesNotContain(me.userId()).isEmpty();
        assertThat(report.files()).containsEntry("query-log spool lines", 1L);
        assertThat(TestStores.count(db, "SELECT count(*) FROM dim_user WHERE user_id = '" + me.userId() + "'"))
                .isZero();
        assertThat(TestStores.count(db, "SELECT count(*) FROM fact_prompt")).isEqualTo(1);
        assertThat(report.rowsErased()).isPositive();
    }
}
