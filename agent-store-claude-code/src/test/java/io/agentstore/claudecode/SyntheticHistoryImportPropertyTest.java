package io.agentstore.claudecode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import io.agentstore.AgentStore;
import io.agentstore.spi.Row;
import io.agentstore.testing.MutableClock;
import io.agentstore.testing.StoreExtension;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The project's own synthetic history, imported: the facts equal the generator's ledger, and importing
 * the files while they grow (in random steps, cut mid-line, several imports) gives exactly what one import
 * of the finished files gives.
 */
class SyntheticHistoryImportPropertyTest {
    @TempDir
    Path dir;

    static final Instant END = Instant.parse("2026-03-01T00:00:00Z");

    @RegisterExtension
    final StoreExtension stores = StoreExtension.inMemory().clock(new MutableClock(END.plus(Duration.ofDays(1))));

    private static Map<String, String> tokens(AgentStore store) {
        Map<String, String> got = new TreeMap<>();
        for (Row r : store.sql("SELECT CAST(timezone('UTC', occurred_at) AS DATE) AS day, model_name,"
                        + " CAST(sum(input_tokens) AS BIGINT) AS i, CAST(sum(output_tokens) AS BIGINT) AS o,"
                        + " CAST(sum(cache_read_tokens) AS BIGINT) AS r, CAST(sum(cache_write_5m_tokens) AS BIGINT) AS w5,"
                        + " CAST(sum(cache_write_1h_tokens) AS BIGINT) AS w1 FROM v_api_calls GROUP BY ALL")
                .rows()) {
            got.put(r.get("day") + " " + r.string("model_name"), Arrays.toString(new long[] {
                r.int64("i"), r.int64("o"), r.int64("r"), r.int64("w5"), r.int64("w1")
            }));
        }
        return got;
    }

    private static String facts(AgentStore store) {
        return store.sql(
                        "SELECT (SELECT count(*) FROM fact_api_call) AS api, (SELECT count(*) FROM fact_tool_call) AS tools,"
                                + " (SELECT count(*) FROM fact_file_modification) AS mods, (SELECT count(*) FROM fact_session_event) AS events,"
                                + " (SELECT count(*) FROM fact_ingest_error) AS errors,"
                                + " (SELECT list(event_id ORDER BY event_id) FROM fact_tool_call) AS tool_ids")
                .rows()
                .toString();
    }

    @Test
    void importedFactsEqualTheLedger() {
        Path projects = dir.resolve("projects");
        SyntheticHistory.Ledger ledger = SyntheticHistory.of(42, 25, END, 14).writeTo(projects);
        AgentStore store = stores.get();
        ImportSummary s =
                ClaudeCodeImporter.builder(store).projectsDir(projects).build().run();
        assertThat(s.errors()).isZero();
        assertThat(s.filesSeen()).isEqualTo(ledger.files());
        // sub-agent responses carried twice (progress records and the sub-agent's file) are counted once
        assertThat(s.count("progress_api_lines")).isPositive();
        Map<String, String> want = new TreeMap<>();
        ledger.tokensByDayModel().forEach((k, v) -> want.put(k, Arrays.toString(v)));
        assertThat(tokens(store)).isEqualTo(want);
        assertThat(store.sql("SELECT count(*) AS n FROM fact_api_call")
                        .single()
                        .orElseThrow()
                        .int64("n"))
                .isEqualTo(ledger.apiCalls());
        assertThat(store.sql("SELECT count(*) AS n FROM fact_tool_call")
                        .single()
                        .orElseThrow()
                        .int64("n"))
                .isEqualTo(ledger.toolCalls());
        assertThat(store.sql("SELECT count(*) AS n FROM fact_file_modification")
                        .single()
                        .orElseThrow()
                        .int64("n"))
                .isEqualTo(ledger.fileModifications());
    }

    @Test
    void importingGrowingFilesEqualsOneImportOfTheFinishedFiles() {
        qt().withExamples(6).forAll(longs().all()).checkAssert(seed -> {
            Path run = dir.resolve("run-" + Long.toHexString(seed));
            Path finished = run.resolve("finished");
            SyntheticHistory.of(seed, 4, END, 3).writeTo(finished);
            String expectedFacts;
            Map<String, String> expectedTokens;
            MutableClock clock = new MutableClock(END.plus(Duration.ofDays(1)));
            try (AgentStore once = AgentStore.builder().inMemory().clock(clock).build()) {
                ClaudeCodeImporter.builder(once).projectsDir(finished).build().run();
                expectedFacts = facts(once);
                expectedTokens = tokens(once);
            }
            Path growing = run.resolve("growing");
            Random random = new Random(seed);
            List<Path> files = list(finished);
            try (AgentStore store = AgentStore.builder().inMemory().clock(clock).build()) {
                for (int step = 0; step < 4; step++) {
                    for (Path f : files) {
                        grow(f, growing.resolve(finished.relativize(f).toString()), random, clock.instant());
                    }
                    ClaudeCodeImporter.builder(store)
                            .projectsDir(growing)
                            .build()
                            .run();
                }
                for (Path f : files) {
                    copy(f, growing.resolve(finished.relativize(f).toString()), Instant.parse("2026-01-01T00:00:00Z"));
                }
                ClaudeCodeImporter.builder(store).projectsDir(growing).build().run();
                assertThat(tokens(store)).isEqualTo(expectedTokens);
                assertThat(facts(store)).isEqualTo(expectedFacts);
                // and once more: nothing changes
                ImportSummary again = ClaudeCodeImporter.builder(store)
                        .projectsDir(growing)
                        .build()
                        .run();
                assertThat(again.recordsWritten()).isZero();
                assertThat(facts(store)).isEqualTo(expectedFacts);
            }
        });
    }

    private static List<Path> list(Path root) {
        try (Stream<Path> s = Files.walk(root)) {
            return new ArrayList<>(s.filter(Files::isRegularFile).sorted().toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Extends the copy of {@code source} to a random longer prefix, possibly cut in the middle of a line. */
    private static void grow(Path source, Path copy, Random random, Instant now) {
        try {
            byte[] all = Files.readAllBytes(source);
            long have = Files.exists(copy) ? Files.size(copy) : 0;
            int to = (int) Math.min(all.length, have + random.nextInt(all.length / 2 + 2));
            Files.createDirectories(copy.getParent());
            Files.write(copy, Arrays.copyOf(all, to));
            Files.setLastModifiedTime(copy, FileTime.from(now.minusSeconds(5)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void copy(Path source, Path copy, Instant mtime) {
        try {
            Files.createDirectories(copy.getParent());
            Files.write(copy, Files.readAllBytes(source));
            Files.setLastModifiedTime(copy, FileTime.from(mtime));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
