package io.agentstore.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentstore.AgentStore;
import io.agentstore.core.ApiCall;
import io.agentstore.core.ToolCall;
import io.agentstore.tokens.TokensModule;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * "Any SQL tool can open the store": a store written by the library (DuckDB 2.0 inside) is opened by an older
 * DuckDB release (the 1.5 JDBC driver, alone on the classpath of a child JVM) and every view is queried; a
 * store in the newest format, which that release cannot open, is rewritten by {@code migrate-storage}.
 */
class StorageCompatibilityIT {
    @TempDir
    Path dir;

    private static Path olderDriver() {
        Path jar = Path.of(System.getProperty("agentstore.duckdb.older.jar", "target/duckdb-older/missing.jar"));
        assertThat(jar)
                .as("the older DuckDB driver, copied by maven-dependency-plugin in pre-integration-test")
                .exists();
        return jar;
    }

    /** The probe's output lines, from a JVM with only the older driver and the probe class. */
    private List<String> probe(Path file) throws Exception {
        Path classes = Path.of(OlderDuckDbProbe.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .toURI());
        Path tmp = Files.createDirectories(dir.resolve("probe-tmp"));
        Process p = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        olderDriver() + java.io.File.pathSeparator + classes,
                        "-Djava.io.tmpdir=" + tmp,
                        "-Xmx256m",
                        OlderDuckDbProbe.class.getName(),
                        file.toString())
                .redirectError(dir.resolve("probe.stderr").toFile())
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue())
                .as(out + Files.readString(dir.resolve("probe.stderr")))
                .isZero();
        return out.lines().toList();
    }

    private static Path writeStore(Path file, String storageVersion) {
        try (AgentStore s = AgentStore.builder()
                .path(file)
                .storageVersion(storageVersion)
                .install(TokensModule.create())
                .build()) {
            s.core()
                    .recordToolCall(ToolCall.builder()
                            .tool("Edit")
                            .targetPath("src/A.java")
                            .durationMs(12L)
                            .build());
            s.core()
                    .recordApiCall(ApiCall.builder()
                            .model("claude-sonnet-4-20250514")
                            .tokens(1_000, 200)
                            .occurredAt(Instant.parse("2026-03-01T10:00:00Z"))
                            .build());
        }
        return file;
    }

    private static Map<String, Long> tables(List<String> lines) {
        Map<String, Long> t = new TreeMap<>();
        lines.stream()
                .filter(l -> l.startsWith("TABLE "))
                .map(l -> l.split(" "))
                .forEach(a -> t.put(a[1], Long.parseLong(a[2])));
        return t;
    }

    private static List<String> viewsOfTheLibrary(Path file) {
        List<String> views = new ArrayList<>();
        try (AgentStore s = AgentStore.builder().path(file).readOnly().build()) {
            s.sql("SELECT view_name FROM duckdb_views() WHERE NOT internal AND database_name = current_database()"
                            + " ORDER BY view_name")
                    .rows()
                    .forEach(r -> views.add(r.string("view_name")));
        }
        return views;
    }

    @Test
    void anOlderDuckDbOpensANewStoreAndQueriesEveryView() throws Exception {
        Path file = writeStore(dir.resolve("new.duckdb"), AgentStore.DEFAULT_STORAGE_VERSION);
        List<String> views = viewsOfTheLibrary(file);
        assertThat(views).hasSizeGreaterThan(20).contains("v_tool_calls", "v_api_call_costs");
        List<String> lines = probe(file);
        assertThat(lines.get(0)).startsWith("VERSION v1.5");
        List<String> ok = lines.stream()
                .filter(l -> l.startsWith("VIEW ") && l.endsWith(" OK"))
                .map(l -> l.split(" ")[1])
                .toList();
        assertThat(lines.stream().filter(l -> l.contains(" FAIL")))
                .as(String.join("\n", lines))
                .isEmpty();
        assertThat(ok).containsExactlyElementsOf(views);
        assertThat(tables(lines)).containsEntry("fact_tool_call", 1L).containsEntry("fact_api_call", 1L);
        Cli doctor = Cli.run("doctor", "--db", file.toString());
        assertThat(doctor.out()).contains("storage       v1.4.0+ (DuckDB 1.4 and later open it)");
    }

    @Test
    void aStoreInTheNewestFormatIsRewrittenForOlderReleasesKeepingABackup() throws Exception {
        Path file = writeStore(dir.resolve("newest.duckdb"), "latest");
        assertThat(probe(file).get(0))
                .as("the older release cannot open the newest format")
                .startsWith("OPEN FAIL")
                .contains("version number");
        Cli before = Cli.run("doctor", "--db", file.toString());
        assertThat(before.out())
                .contains("storage       v2.")
                .contains("WARNING")
                .contains("agent-store migrate-storage");

        Cli rewrite = Cli.run("migrate-storage", "--db", file.toString());
        assertThat(rewrite.code()).as(rewrite.err()).isZero();
        Path backup = file.resolveSibling("newest.duckdb.bak");
        assertThat(rewrite.out()).contains("to v1.4.0+").contains("verified").contains(backup.toString());
        assertThat(backup).exists();
        assertThat(file.resolveSibling("newest.duckdb.rewrite-tmp")).doesNotExist();

        List<String> lines = probe(file);
        assertThat(lines.stream().filter(l -> l.contains(" FAIL")))
                .as(String.join("\n", lines))
                .isEmpty();
        assertThat(lines.stream().filter(l -> l.startsWith("VIEW "))).hasSameSizeAs(viewsOfTheLibrary(file));
        assertThat(tables(lines)).containsEntry("fact_tool_call", 1L).containsEntry("fact_api_call", 1L);
        assertThat(Cli.run("doctor", "--db", file.toString()).out()).contains("storage       v1.4.0+");
        // the store still works for writing: record one more and read it back
        try (AgentStore s =
                AgentStore.builder().path(file).install(TokensModule.create()).build()) {
            s.core().recordToolCall(ToolCall.builder().tool("Read").build());
            assertThat(s.sql("SELECT count(*) AS n FROM fact_tool_call")
                            .single()
                            .orElseThrow()
                            .int64("n"))
                    .isEqualTo(2);
        }
        Cli again = Cli.run("migrate-storage", "--db", file.toString());
        assertThat(again.code()).isEqualTo(Main.EXIT_DATA);
        assertThat(again.err()).contains(backup + " exists");
    }
}
