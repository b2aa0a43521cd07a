package io.agentstore.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentstore.AgentStore;
import io.agentstore.Durability;
import io.agentstore.Row;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * kill -9 of a process that is recording from several threads. A call that returned in {@link Durability#SYNC}
 * or {@link Durability#GROUP_COMMIT} was committed, so every event id the child printed (it prints after the
 * call returns) must be in the file exactly once, the file must open without repair, and facts only grow.
 * In {@link Durability#ASYNC} a kill may lose calls that returned (the test prints how many); the file must
 * still open, hold no event twice and only grow.
 *
 * <p>Every other round the child sets a tiny DuckDB {@code checkpoint_threshold}, so that kills also hit a
 * checkpoint in progress, not only a growing write-ahead log.
 *
 * <p>The kill points are drawn from a seeded {@link Random}: {@code -Dcrash.seed=...} replays a failure,
 * {@code -Dcrash.rounds=...} runs more rounds (default 5 per mode).
 */
class CrashIT {
    private static final Pattern UUID_LINE = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final int THREADS = 4;

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(Durability.class)
    void everyReportedEventSurvivesSigkillExactlyOnce(Durability durability) throws Exception {
        long seed = Long.getLong("crash.seed", 0x5EED_0000L + durability.ordinal());
        // ASYNC promises less (what was not flushed may be lost), so it gets fewer rounds
        int rounds = Integer.getInteger("crash.rounds", durability == Durability.ASYNC ? 3 : 5);
        boolean committedOnReturn = durability != Durability.ASYNC;
        int maxIds = switch (durability) {
            case SYNC -> 250;
            case GROUP_COMMIT -> 800;
            case ASYNC -> 20_000;
        };
        Random random = new Random(seed);
        Path file = dir.resolve("crash-" + durability + ".duckdb");
        Set<UUID> reported = new HashSet<>();
        long previousRows = 0;
        for (int round = 1; round <= rounds; round++) {
            int killAfter = random.nextInt(maxIds + 1);
            // every other round DuckDB checkpoints every few commits, so that kills also land in checkpoints
            boolean checkpoints = round % 2 == 0;
            String context = durability + " round " + round + " of seed " + seed + " (kill after " + killAfter + " ids"
                    + (checkpoints ? ", frequent checkpoints)" : ")");
            List<UUID> printed = new ArrayList<>();
            List<String> args = new ArrayList<>(List.of("record", file.toString(), durability.name(),
                    String.valueOf(THREADS), "r" + round));
            if (checkpoints) {
                args.add("16KB");
            }
            try (ChildJvm child = ChildJvm.start(dir, args.toArray(String[]::new))) {
                child.awaitLine(l -> l.startsWith("READY"), TIMEOUT);
                if (!committedOnReturn) {
                    // ASYNC calls return long before the writer commits: kill only once it has written something,
                    // so that the kill lands while it writes, not before it started
                    long base = size(file);
                    Eventually.await("the ASYNC child's writer has written to " + file, TIMEOUT, () -> size(file) > base);
                }
                while (printed.size() < killAfter) {
                    printed.add(parse(child.nextLine(TIMEOUT), context));
                }
                child.kill();
                List<String> rest = child.drain(TIMEOUT);
                for (int i = 0; i < rest.size(); i++) {
                    String line = rest.get(i);
                    if (i == rest.size() - 1 && !UUID_LINE.matcher(line).matches() && !line.startsWith("FAILED")) {
                        continue; // a line the kill cut short: its call returned, but we cannot know its id
                    }
                    printed.add(parse(line, context));
                }
            }
            for (UUID id : printed) {
                assertThat(reported.add(id)).as("%s: the child printed %s twice", context, id).isTrue();
            }

            Map<UUID, Long> stored = new HashMap<>();
            try (AgentStore store = AgentStore.builder().path(file).lockWait(TIMEOUT).build()) {
                for (Row row : store.sql("SELECT event_id, count(*) AS n FROM fact_tool_call GROUP BY event_id").rows()) {
                    stored.put(row.uuid("event_id"), row.int64("n"));
                }
                long rows = stored.values().stream().mapToLong(Long::longValue).sum();
                assertThat(stored).as("%s: event ids stored more than once", context)
                        .allSatisfy((id, n) -> assertThat(n).as("copies of %s", id).isEqualTo(1L));
                Set<UUID> missing = new HashSet<>(reported);
                missing.removeAll(stored.keySet());
                if (committedOnReturn) {
                    assertThat(missing).as("%s: reported as recorded but not in the file (%d of %d)", context,
                            missing.size(), reported.size()).isEmpty();
                    assertThat(rows).as("%s: rows before this round %d, printed in it %d", context, previousRows,
                            printed.size()).isGreaterThanOrEqualTo(previousRows + printed.size());
                } else {
                    // ASYNC: the calls returned before their commit, so the kill may take some of them along
                    System.out.printf("CrashIT %s: %d of %d returned ASYNC calls were lost by the kill%n", context,
                            printed.stream().filter(missing::contains).count(), printed.size());
                    assertThat(rows).as("%s: facts only grow", context).isGreaterThanOrEqualTo(previousRows);
                }
                // every dimension member the facts point at exists, exactly once per natural key
                assertThat(store.sql("SELECT count(*) AS n FROM fact_tool_call f LEFT JOIN dim_tool t USING (tool_key)"
                        + " WHERE t.tool_key IS NULL").single().orElseThrow().int64("n")).as("%s: orphan tool keys", context).isZero();
                assertThat(store.sql("SELECT count(*) AS n FROM fact_tool_call f LEFT JOIN dim_session s USING (session_key)"
                        + " WHERE s.session_key IS NULL").single().orElseThrow().int64("n")).as("%s: orphan session keys", context).isZero();
                previousRows = rows;
            }
            System.out.printf("CrashIT %s: %d printed, %d rows in the file%n", context, printed.size(), previousRows);
        }
        assertThat(reported).as("the rounds recorded something").isNotEmpty();
    }

    /** The bytes of the database file and its write-ahead log. */
    private static long size(Path file) {
        long total = 0;
        for (Path p : List.of(file, file.resolveSibling(file.getFileName() + ".wal"))) {
            try {
                total += Files.exists(p) ? Files.size(p) : 0;
            } catch (IOException e) {
                // the log vanished between the two calls: a checkpoint folded it into the file
            }
        }
        return total;
    }

    private static UUID parse(String line, String context) {
        if (!UUID_LINE.matcher(line).matches()) {
            throw new AssertionError(context + ": the child printed '" + line + "' instead of an event id");
        }
        return UUID.fromString(line);
    }
}
