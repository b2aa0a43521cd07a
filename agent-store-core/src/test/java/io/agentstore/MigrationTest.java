package io.agentstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import io.agentstore.internal.Scripts;
import io.agentstore.spi.AgentStoreException;
import io.agentstore.spi.SchemaModule;
import io.agentstore.testing.TestModule;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MigrationTest {
    @TempDir
    Path dir;

    static final TestModule ALPHA = TestModule.of(
            "alpha",
            "alpha",
            Set.of("core"),
            List.of("V1__alpha_schema.sql", "V2__alpha_colour.sql"),
            List.of("R__alpha_views.sql"));
    static final TestModule BETA = TestModule.of(
            "beta", "beta", Set.of("core", "alpha"), List.of("V1__beta_schema.sql"), List.of("R__beta_views.sql"));
    static final TestModule EDITED_V1 =
            TestModule.of("edited", "edited-v1", Set.of("core"), List.of("V1__edited.sql"), List.of());
    static final TestModule EDITED_V2 =
            TestModule.of("edited", "edited-v2", Set.of("core"), List.of("V1__edited.sql"), List.of());
    static final TestModule TWO_STEP =
            TestModule.of("edited", "twostep", Set.of("core"), List.of("V1__edited.sql", "V2__later.sql"), List.of());

    private AgentStore open(Path file, SchemaModule... modules) {
        return AgentStore.builder().path(file).install(modules).build();
    }

    /**
     * Tables and views with their columns and types, the view names, and the applied history (with each
     * script's checksum). Not the views' SQL text: DuckDB prints a view read back from a v1.4.0-format file
     * differently from one just created (set operations are re-parenthesised), though it is the same view.
     */
    private static List<String> schema(AgentStore store) {
        List<String> lines = new ArrayList<>();
        store.sql("SELECT table_name, column_name, data_type FROM information_schema.columns"
                        + " WHERE table_schema = 'main' ORDER BY table_name, ordinal_position")
                .rows()
                .forEach(r -> lines.add(r.values().toString()));
        store.sql("SELECT view_name FROM duckdb_views() WHERE NOT internal ORDER BY view_name")
                .rows()
                .forEach(r -> lines.add(r.values().toString()));
        store.sql("SELECT module_id, version, script, checksum FROM agent_store_schema_history"
                        + " ORDER BY module_id, script")
                .rows()
                .forEach(r -> lines.add(r.values().toString()));
        return lines;
    }

    @Test
    void migrationsAreOrderIndependent() {
        List<String> reference;
        try (AgentStore store = open(dir.resolve("reference.duckdb"), ALPHA, BETA)) {
            reference = schema(store);
        }
        assertThat(reference).anyMatch(l -> l.startsWith("[v_beta_by_alpha"));
        // Any install order, and any split of the modules over two successive opens, gives the same schema.
        qt().withExamples(12)
                .withFixedSeed(20261121L)
                .forAll(integers().between(0, 1_000_000))
                .checkAssert(seed -> {
                    Random random = new Random(seed);
                    List<SchemaModule> modules = new ArrayList<>(List.of(ALPHA, BETA));
                    Collections.shuffle(modules, random);
                    Path file = dir.resolve("order-" + seed + ".duckdb");
                    if (random.nextBoolean()) {
                        // alpha alone first (beta needs alpha), then everything in the shuffled order
                        open(file, ALPHA).close();
                    }
                    try (AgentStore store = open(file, modules.toArray(new SchemaModule[0]))) {
                        assertThat(schema(store)).isEqualTo(reference);
                    }
                });
    }

    @Test
    void reopeningAppliesNothing() {
        Path file = dir.resolve("a.duckdb");
        List<String> first;
        try (AgentStore store = open(file, ALPHA, BETA)) {
            first = schema(store);
        }
        try (AgentStore store = open(file, BETA, ALPHA)) {
            assertThat(schema(store)).isEqualTo(first);
            assertThat(store.sql("SELECT count(*) AS n FROM agent_store_schema_history")
                            .rows()
                            .get(0)
                            .int64("n"))
                    .isEqualTo(6 + 3 + 2); // core V1+V2+V3+V4+R+R, alpha V1+V2+R, beta V1+R
        }
    }

    @Test
    void installingAModuleIntoAnExistingFileAppliesItsMigrations() {
        Path file = dir.resolve("a.duckdb");
        try (AgentStore store = open(file)) {
            assertThat(store.modules()).containsExactly("core");
        }
        try (AgentStore store = open(file, ALPHA)) {
            assertThat(store.modules()).containsExactly("core", "alpha");
            assertThat(store.sql("SELECT count(*) AS n FROM v_alpha")
                            .rows()
                            .get(0)
                            .int64("n"))
                    .isZero();
        }
    }

    @Test
    void editedScriptIsRefusedWithModuleVersionAndFile() {
        Path file = dir.resolve("a.duckdb");
        open(file, EDITED_V1).close();
        assertThatThrownBy(() -> open(file, EDITED_V2))
                .isInstanceOf(SchemaMigrationException.class)
                .hasMessageContaining("checksum mismatch")
                .hasMessageContaining("'edited'")
                .hasMessageContaining("version 1")
                .hasMessageContaining("V1__edited.sql")
                .satisfies(e -> {
                    SchemaMigrationException sme = (SchemaMigrationException) e;
                    assertThat(sme.moduleId()).isEqualTo("edited");
                    assertThat(sme.script()).isEqualTo("V1__edited.sql");
                });
        // the refused open left the file usable with the original script
        open(file, EDITED_V1).close();
    }

    @Test
    void checksumsIgnoreLineEndings() throws Exception {
        Path lf = Path.of(
                getClass().getResource("/agent-store/eol-lf/V1__eol.sql").toURI());
        Path crlf = Path.of(
                getClass().getResource("/agent-store/eol-crlf/V1__eol.sql").toURI());
        assertThat(Files.readString(crlf)).contains("\r\n");
        assertThat(Files.readString(lf)).doesNotContain("\r");
        assertThat(Scripts.checksum(Files.readString(crlf))).isEqualTo(Scripts.checksum(Files.readString(lf)));

        Path file = dir.resolve("a.duckdb");
        open(file, TestModule.of("eol", "eol-lf", Set.of("core"), List.of("V1__eol.sql"), List.of()))
                .close();
        try (AgentStore store =
                open(file, TestModule.of("eol", "eol-crlf", Set.of("core"), List.of("V1__eol.sql"), List.of()))) {
            assertThat(store.modules()).contains("eol");
        }
    }

    @Test
    void failingScriptLeavesNothingBehind() {
        Path file = dir.resolve("a.duckdb");
        TestModule broken = TestModule.of("broken", "broken", Set.of("core"), List.of("V1__broken.sql"), List.of());
        assertThatThrownBy(() -> open(file, broken))
                .isInstanceOf(SchemaMigrationException.class)
                .hasMessageContaining("'broken'")
                .hasMessageContaining("version 1")
                .hasMessageContaining("agent-store/broken/V1__broken.sql")
                .hasMessageContaining("rolled back");
        try (AgentStore store = open(file)) {
            assertThat(store.sql(
                                    "SELECT count(*) AS n FROM information_schema.tables WHERE table_name LIKE 'dim_broken%'")
                            .rows()
                            .get(0)
                            .int64("n"))
                    .isZero();
            assertThat(store.sql("SELECT count(*) AS n FROM agent_store_schema_history WHERE module_id = 'broken'")
                            .rows()
                            .get(0)
                            .int64("n"))
                    .isZero();
        }
    }

    @Test
    void newerDatabaseIsRefusedByAnOlderLibrary() {
        Path file = dir.resolve("a.duckdb");
        open(file, TWO_STEP).close();
        assertThatThrownBy(() -> open(file, EDITED_V1))
                .isInstanceOf(SchemaMigrationException.class)
                .hasMessageContaining("at version 2")
                .hasMessageContaining("knows versions up to 1");
    }

    @Test
    void laterVersionIsAppliedOnTopOfAnEarlierOne() {
        Path file = dir.resolve("a.duckdb");
        open(file, EDITED_V1).close();
        try (AgentStore store = open(file, TWO_STEP)) {
            assertThat(store.sql("SELECT column_name FROM information_schema.columns WHERE table_name = 'dim_edited'"
                                    + " ORDER BY ordinal_position")
                            .rows())
                    .extracting(r -> r.string("column_name"))
                    .containsExactly("edited_key", "first_seen_at", "later");
        }
    }

    @Test
    void changedRepeatableIsReappliedAndLogged() {
        Path file = dir.resolve("a.duckdb");
        open(file, ALPHA).close();
        TestModule alphaV2 = TestModule.of(
                "alpha",
                "alpha-v2",
                Set.of("core"),
                List.of("V1__alpha_schema.sql", "V2__alpha_colour.sql"),
                List.of("R__alpha_views.sql"));
        try (AgentStore store = open(file, alphaV2)) {
            assertThat(store.sql("SELECT * FROM v_alpha").columns()).containsExactly("alpha_name", "colour", "shout");
            assertThat(store.sql("SELECT count(*) AS n FROM agent_store_schema_history"
                                    + " WHERE module_id = 'alpha' AND script = 'R__alpha_views.sql'")
                            .rows()
                            .get(0)
                            .int64("n"))
                    .as("one history row per application")
                    .isEqualTo(2);
        }
        try (AgentStore store = open(file, alphaV2)) {
            assertThat(store.sql("SELECT count(*) AS n FROM agent_store_schema_history" + " WHERE module_id = 'alpha'")
                            .rows()
                            .get(0)
                            .int64("n"))
                    .isEqualTo(4);
        }
    }

    @Test
    void missingRequiredModuleAndCyclesAreExplained() {
        assertThatThrownBy(() -> open(dir.resolve("a.duckdb"), BETA))
                .isInstanceOf(AgentStoreException.class)
                .hasMessageContaining("module 'beta' requires module 'alpha', which is not installed");
        TestModule x = TestModule.of("x", "alpha", Set.of("core", "y"), List.of(), List.of());
        TestModule y = TestModule.of("y", "alpha", Set.of("core", "x"), List.of(), List.of());
        assertThatThrownBy(() -> open(dir.resolve("b.duckdb"), x, y))
                .isInstanceOf(AgentStoreException.class)
                .hasMessageContaining("cycle");
    }

    @Test
    void nonContiguousVersionsAreRefused() {
        TestModule gap = TestModule.of("gap", "twostep", Set.of("core"), List.of("V2__later.sql"), List.of());
        assertThatThrownBy(() -> open(dir.resolve("a.duckdb"), gap))
                .isInstanceOf(SchemaMigrationException.class)
                .hasMessageContaining("contiguous");
    }
}
