package io.agentstore.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentstore.lifecycle.internal.Db;
import io.agentstore.testing.ChildJvm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * kill -9 of a retention run at each of its steps: afterwards every fact is in the table or in a logged archive
 * (nothing lost, nothing purged unarchived), and the next run ends exactly where an uninterrupted one does.
 */
class RetentionCrashIT {
    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(
            strings = {
                "archiving fact_error",
                "archive-written fact_error",
                "archive-logged fact_error",
                "purged fact_error",
                "archive-written fact_tool_call",
                "archive-logged fact_tool_call"
            })
    void aKillAtAnyStepLosesNothing(String step) throws Exception {
        Path db = RetentionTest.storeWithHistory(tmp.resolve("agent.duckdb"));
        Retention.of(db).keep("fact_tool_call", 100);
        Retention.of(db).keep("fact_error", 30);
        Set<String> all = ids(db);
        assertThat(all).hasSize(400);
        try (ChildJvm child = ChildJvm.start(
                tmp, LifecycleChild.class, "retention", db.toString(), step, RetentionTest.NOW.toString())) {
            assertThat(child.awaitLine(l -> l.startsWith("AT ") || l.equals("DONE"), Duration.ofSeconds(60)))
                    .as(child.stderr())
                    .isEqualTo("AT " + step);
            child.kill();
        }
        // nothing lost: every fact is in its table or in an archive the log names
        Set<String> kept = ids(db);
        kept.addAll(loggedArchiveIds(db));
        assertThat(kept).isEqualTo(all);

        Retention.of(db, Clock.fixed(RetentionTest.NOW, java.time.ZoneOffset.UTC), s -> {})
                .run();
        assertThat(TestStores.count(db, "SELECT count(*) FROM fact_tool_call")).isEqualTo(101);
        assertThat(TestStores.count(db, "SELECT count(*) FROM fact_error")).isEqualTo(31);
        Set<String> after = ids(db);
        List<String> archived = loggedArchiveList(db);
        assertThat(archived).hasSize(199 + 69).doesNotHaveDuplicates();
        after.addAll(archived);
        assertThat(after).isEqualTo(all);
        // no archive file is left that the log does not name
        try (var files = Files.walk(db.resolveSibling("agent.duckdb.archive"))) {
            assertThat(files.filter(Files::isRegularFile).count())
                    .isEqualTo(TestStores.count(db, "SELECT count(*) FROM agent_store_retention_log"));
        }
    }

    static Set<String> ids(Path db) {
        Connection c = Db.open(db);
        try {
            return new HashSet<>(Db.strings(
                    c,
                    "SELECT CAST(event_id AS VARCHAR) FROM fact_tool_call UNION ALL"
                            + " SELECT CAST(event_id AS VARCHAR) FROM fact_error"));
        } finally {
            Db.close(c);
        }
    }

    static Set<String> loggedArchiveIds(Path db) {
        return new HashSet<>(loggedArchiveList(db));
    }

    static List<String> loggedArchiveList(Path db) {
        Connection c = Db.open(db);
        try {
            List<String> files = Db.strings(c, "SELECT archive_file FROM agent_store_retention_log ORDER BY 1");
            List<String> ids = new java.util.ArrayList<>();
            for (String f : files) {
                ids.addAll(Db.strings(c, "SELECT CAST(event_id AS VARCHAR) FROM read_parquet('" + f + "')"));
            }
            return ids;
        } finally {
            Db.close(c);
        }
    }
}
