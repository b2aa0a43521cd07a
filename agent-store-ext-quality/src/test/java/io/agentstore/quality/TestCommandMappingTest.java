package io.agentstore.quality;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentstore.AgentStore;
import io.agentstore.quality.internal.TestCommandMapping;
import io.agentstore.spi.Row;
import io.agentstore.spi.SourceEvent;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Bash tool calls that ran tests become test runs, with the counts of the summary the tool printed. */
class TestCommandMappingTest {
    private static int seed;

    private static SourceEvent.ToolCall bash(String command, String output, boolean isError) {
        seed++;
        SourceEvent.Envelope e = new SourceEvent.Envelope(
                "claude-code",
                "s1",
                "main",
                "main",
                "demo",
                "/repo",
                Instant.parse("2025-06-10T10:00:00Z").plusSeconds(seed),
                "tool-" + seed,
                Map.of());
        return new SourceEvent.ToolCall(e, "toolu_" + seed, "Bash", Map.of("command", command), output, isError);
    }

    @Test
    void testCommandsBecomeRunsWithTheirPrintedCounts() {
        List<SourceEvent> events = List.of(
                bash(
                        "cd /repo && mvn -B test -pl core",
                        "[INFO] Tests run: 5, Failures: 0, Errors: 0, Skipped: 0, Time elapsed: 1 s\n"
                                + "[ERROR] Tests run: 7, Failures: 1, Errors: 1, Skipped: 2\n[INFO] Results:\n"
                                + "[ERROR] Tests run: 12, Failures: 1, Errors: 1, Skipped: 2\n[INFO] BUILD FAILURE",
                        true),
                bash(
                        "python3 -m pytest -q tests/",
                        ".FsE.\n===== 1 failed, 2 passed, 1 skipped, 1 error in 1.85s =====",
                        true),
                bash(
                        "npm test",
                        "Test Suites: 1 failed, 1 total\nTests:       1 failed, 1 skipped, 3 passed, 5 total\n",
                        true),
                bash("npx vitest run", " Test Files  1 failed (1)\n      Tests  1 failed | 3 passed (4)\n", true),
                bash("./gradlew test", "5 tests completed, 2 failed\nBUILD FAILED", true),
                bash("mvn verify", "[ERROR] COMPILATION ERROR : cannot find symbol", true),
                bash("ls -la", "total 0", false),
                new SourceEvent.ToolCall(
                        new SourceEvent.Envelope(
                                "claude-code",
                                "s1",
                                null,
                                null,
                                null,
                                null,
                                Instant.parse("2025-06-10T11:00:00Z"),
                                "read-1",
                                Map.of()),
                        "toolu_r",
                        "Read",
                        Map.of("file_path", "/repo/pom.xml"),
                        "<project/>",
                        false));
        try (AgentStore store = Fixtures.store("2026-01-01T00:00:00Z")) {
            assertThat(store.apply(events)).isEqualTo(6);
            List<Row> runs = store.sql("SELECT framework, passed, failed, errors, skipped, exit_code, is_green,"
                            + " attributes->>'counts_known' AS known, session_id FROM v_test_runs ORDER BY occurred_at")
                    .rows();
            assertThat(runs)
                    .extracting(r -> r.string("framework") + " " + r.int64("passed") + "/" + r.int64("failed") + "/"
                            + r.int64("errors") + "/" + r.int64("skipped") + " exit " + r.int64("exit_code") + " green "
                            + r.bool("is_green")
                            + " known " + r.string("known"))
                    .containsExactly(
                            "surefire 8/1/1/2 exit 1 green false known true",
                            "pytest 2/1/1/1 exit 1 green false known true",
                            "jest 3/1/0/1 exit 1 green false known true",
                            "vitest 3/1/0/0 exit 1 green false known true",
                            "gradle 3/2/0/0 exit 1 green false known true",
                            "surefire 0/0/0/0 exit 1 green false known false");
            assertThat(runs).allSatisfy(r -> assertThat(r.string("session_id")).isEqualTo("s1"));
            // applied again (a rescan): nothing new
            assertThat(store.apply(events)).isZero();
            assertThat(store.sql("SELECT count(*) AS n FROM fact_test_run")
                            .rows()
                            .get(0)
                            .int64("n"))
                    .isEqualTo(6L);
        }
    }

    @Test
    void testCommandsAreKnownByTheCommandThatRanNotByWordsInItsArguments() {
        assertThat(TestCommandMapping.framework("git commit -m \"fix: mvn test passes again\"", ""))
                .isEmpty();
        assertThat(TestCommandMapping.framework(
                        "gh pr create --body \"- Offline tests pass: `npm run test:offline`\"", "https://x/pull/1"))
                .isEmpty();
        assertThat(TestCommandMapping.framework("grep -n 'pytest' setup.cfg", ""))
                .isEmpty();
        assertThat(TestCommandMapping.framework("mvn -pl test-utils compile", ""))
                .isEmpty();
        assertThat(TestCommandMapping.framework("npm run build", "")).isEmpty();
        assertThat(TestCommandMapping.framework("cd app && CI=1 timeout 600 ./mvnw -q verify", ""))
                .contains("surefire");
        assertThat(TestCommandMapping.framework("(cd web; npx jest --ci)", "")).contains("jest");
        assertThat(TestCommandMapping.framework("uv run pytest -x", "")).contains("pytest");
        assertThat(TestCommandMapping.framework("./gradlew :core:test --tests Foo", ""))
                .contains("gradle");
        // a package manager's test script ran what its output says
        assertThat(TestCommandMapping.framework("npm run test:offline 2>&1 | tail -20", " RUN  v3.1.4 /repo\n"))
                .contains("vitest");
        assertThat(TestCommandMapping.framework("yarn test", "Test Suites: 1 passed, 1 total"))
                .contains("jest");
        assertThat(TestCommandMapping.framework("pnpm test", "ok")).contains("pnpm");
    }

    @Test
    void colouredOutputIsReadWithoutItsEscapes() {
        try (AgentStore store = Fixtures.store("2026-01-01T00:00:00Z")) {
            store.apply(List.of(bash(
                    "npm run test:offline",
                    "\u001b[2m Test Files \u001b[22m \u001b[1m\u001b[32m55 passed\u001b[39m\u001b[22m | 9 skipped (64)\n"
                            + "\u001b[2m      Tests \u001b[22m \u001b[1m\u001b[32m740 passed\u001b[39m\u001b[22m"
                            + " | 30 skipped (770)\n",
                    false)));
            Row r = store.sql("SELECT framework, passed, failed, skipped, total_tests FROM v_test_runs")
                    .rows()
                    .get(0);
            assertThat(r.string("framework")).isEqualTo("vitest");
            assertThat(r.int64("passed")).isEqualTo(740L);
            assertThat(r.int64("failed")).isZero();
            assertThat(r.int64("skipped")).isEqualTo(30L);
            assertThat(r.int64("total_tests")).isEqualTo(770L);
        }
    }

    @Test
    void aGreenRunIsGreen() {
        try (AgentStore store = Fixtures.store("2026-01-01T00:00:00Z")) {
            store.apply(List.of(bash("pytest", "3 passed in 0.12s", false)));
            Row r = store.sql("SELECT passed, is_green, exit_code FROM v_test_runs")
                    .rows()
                    .get(0);
            assertThat(r.int64("passed")).isEqualTo(3L);
            assertThat(r.bool("is_green")).isTrue();
            assertThat(r.int64("exit_code")).isNull();
        }
    }
}
