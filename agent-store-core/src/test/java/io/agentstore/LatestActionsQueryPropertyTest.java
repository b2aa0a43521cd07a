package io.agentstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import io.agentstore.core.CoreFacade;
import io.agentstore.core.TaskRef;
import io.agentstore.core.ToolCall;
import io.agentstore.spi.Row;
import io.agentstore.testing.MutableClock;
import io.agentstore.testing.StoreExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code what_did_i_try_on_this_file.sql} chooses the newest calls on the fact table before joining them to
 * their dimensions; it answers exactly what its definition over {@code v_tool_calls} answers (kept here as the
 * oracle): on random tool calls over a few files, with corrections (chains, a correction written before the call
 * it corrects), calls dated more than a day after they were recorded, equal instants, written one at a time and
 * in batches, for every file and limits from 1 to past the file's count.
 */
class LatestActionsQueryPropertyTest {
    private final MutableClock clock = MutableClock.at("2026-03-01T00:00:00Z");

    @RegisterExtension
    final StoreExtension stores = StoreExtension.inMemory().clock(clock);

    private static final String DEFINITION = """
            SELECT occurred_at, session_id, agent_name, task_id, task_description, task_type,
                   action_type, tool_name, target_path, is_success, error_type, duration_ms, attributes
            FROM v_tool_calls
            WHERE target_path = ?
              AND NOT is_superseded
            ORDER BY least(occurred_at, recorded_at + INTERVAL 1 DAY) DESC, event_id
            LIMIT ?""";

    private static final List<String> FILES = List.of("src/A.java", "src/B.py", "docs/C.md", "src/rare.ts");

    @Test
    void theQueryEqualsItsDefinitionOverTheView() {
        AgentStore store = stores.get();
        String query = CoreFacade.query("what_did_i_try_on_this_file.sql");
        qt().withExamples(10).withShrinkCycles(0).forAll(longs().all()).checkAssert(seed -> {
            Random r = new Random(seed);
            List<ToolCall> calls = new ArrayList<>();
            int n = 1 + r.nextInt(60);
            for (int i = 0; i < n; i++) {
                calls.add(randomCall(r, calls));
            }
            int from = 0;
            while (from < calls.size()) {
                int to = Math.min(calls.size(), from + 1 + r.nextInt(10));
                List<ToolCall> batch = calls.subList(from, to);
                if (r.nextBoolean()) {
                    batch.forEach(store::record);
                } else {
                    store.recordAll(batch);
                }
                clock.advance(Duration.ofMinutes(r.nextInt(600)));
                from = to;
            }
            store.flush();
            for (String file : FILES) {
                for (int limit : List.of(1, 2, 5, 10, 200)) {
                    assertThat(rows(store, query, file, limit))
                            .as("%s, limit %d", file, limit)
                            .isEqualTo(rows(store, DEFINITION, file, limit));
                }
            }
        });
    }

    private ToolCall randomCall(Random r, List<ToolCall> earlier) {
        // the rare file now and then, the others often; instants on a coarse grid so that some are equal
        String file = r.nextInt(20) == 0 ? FILES.get(3) : FILES.get(r.nextInt(3));
        Instant now = clock.instant();
        Instant at = r.nextInt(10) == 0
                // dated in the future: more than a day after it is recorded
                ? now.plus(Duration.ofHours(25 + r.nextInt(100)))
                : now.minus(Duration.ofMinutes(10L * r.nextInt(2_000)));
        ToolCall.Builder b = ToolCall.builder()
                .eventId(UUID.randomUUID())
                .sessionId("s" + r.nextInt(5))
                .tool(List.of("Read", "Edit", "Write", "Bash").get(r.nextInt(4)))
                .occurredAt(at)
                .durationMs((long) r.nextInt(2_000));
        if (r.nextInt(8) != 0) {
            b.targetPath(file);
        }
        if (r.nextBoolean()) {
            b.agent(r.nextBoolean() ? "planner" : "coder");
        }
        if (r.nextInt(3) == 0) {
            b.task(new TaskRef("T" + r.nextInt(3), "task " + r.nextInt(3), "refactor"));
        }
        if (r.nextInt(6) == 0) {
            b.failed("exit_code");
        }
        if (!earlier.isEmpty() && r.nextInt(5) == 0) {
            // a correction of an earlier call (possibly one already corrected, or a correction)
            b.supersedes(earlier.get(r.nextInt(earlier.size())).eventId());
        } else if (r.nextInt(30) == 0) {
            // a correction of a call not written yet, or never
            b.supersedes(UUID.randomUUID());
        }
        return b.build();
    }

    private static String rows(AgentStore store, String sql, String file, int limit) {
        return store.sql(sql, file, limit).rows().stream()
                .map(LatestActionsQueryPropertyTest::line)
                .collect(Collectors.joining("\n"));
    }

    private static String line(Row row) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < row.columns().size(); i++) {
            Object v = row.get(i);
            out.add(row.columns().get(i) + "="
                    + (v == null ? "null" : v + ":" + v.getClass().getSimpleName()));
        }
        return String.join(", ", out);
    }
}
