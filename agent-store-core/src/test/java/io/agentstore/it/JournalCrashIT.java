package io.agentstore.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentstore.AgentStore;
import io.agentstore.Durability;
import io.agentstore.spi.Row;
import io.agentstore.testing.ChildJvm;
import io.agentstore.testing.Soak;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The process dies at a kill point inside the write journal ({@code -Dagentstore.journal.kill=<point>}: the
 * journal halts the JVM there, as abruptly as kill -9, after a seeded number of passes):
 *
 * <ul>
 *   <li>{@code mid-append}: half of a group's frames reach the file; the torn last frame is detected by its
 *       length and checksum and dropped, never half applied;</li>
 *   <li>{@code after-fsync}: frames forced to disk, not acknowledged, not loaded: a read-only open (no live writer) loads
 *       them first, with a {@code recorded_at} of that load, and has nothing pending;</li>
 *   <li>{@code mid-load}: rows appended inside DuckDB's transaction, not committed: the next open loads them;</li>
 *   <li>{@code mid-truncate}: committed, journal not emptied: the next open skips them by event id.</li>
 * </ul>
 *
 * <p>Every round checks: every event id the child printed (after its {@code SYNC} or {@code GROUP_COMMIT}
 * call returned) is stored exactly once, nothing is stored twice, facts only grow, the rows of the round have
 * a {@code recorded_at} strictly later than every row before the crash, the journal is gone after the reopen.
 * {@code -Dcrash.seed=...} replays a failure, {@code -Dcrash.rounds=...} sets the rounds per kill point.
 */
class JournalCrashIT {
    private static final Pattern UUID_LINE =
            Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final Duration TIMEOUT = Duration.ofSeconds(180);

    @org.junit.jupiter.api.io.TempDir
    Path dir;

    enum Point {
        MID_APPEND("mid-append", 300),
        AFTER_FSYNC("after-fsync", 300),
        MID_LOAD("mid-load", 1),
        MID_TRUNCATE("mid-truncate", 1);

        final String name;
        final int maxPasses;

        Point(String name, int maxPasses) {
            this.name = name;
            this.maxPasses = maxPasses;
        }
    }

    @ParameterizedTest
    @EnumSource(Point.class)
    void everyAcknowledgedRecordIsPresentExactlyOnceAfterAKillInsideTheJournal(Point point) throws Exception {
        long seed = Long.getLong("crash.seed", 0x10C0_0000L + point.ordinal());
        int rounds = Integer.getInteger("crash.rounds", Soak.pick(2, 20));
        Random random = new Random(seed);
        Path file = dir.resolve("journal-" + point.name + ".duckdb");
        Path journal = file.resolveSibling(file.getFileName() + ".journal");
        Set<UUID> reported = new HashSet<>();
        long previousRows = 0;
        Instant previousMax = Instant.EPOCH;
        long checked = 0;
        long replayedRows = 0;
        for (int round = 1; round <= rounds; round++) {
            Durability durability = round % 2 == 1 ? Durability.SYNC : Durability.GROUP_COMMIT;
            int passes = random.nextInt(point.maxPasses + 1);
            String context = point.name + " " + durability + " round " + round + " of seed " + seed + " (kill after "
                    + passes + " passes)";
            List<UUID> printed = new ArrayList<>();
            boolean killed = false;
            try (ChildJvm child = ChildJvm.start(
                    dir,
                    List.of("-Dagentstore.journal.kill=" + point.name, "-Dagentstore.journal.killAfter=" + passes),
                    RecorderMain.class,
                    "record",
                    file.toString(),
                    durability.name(),
                    "4",
                    "r" + round)) {
                child.awaitLine(l -> l.startsWith("READY"), TIMEOUT);
                List<String> lines = child.drain(TIMEOUT);
                for (int i = 0; i < lines.size(); i++) {
                    String line = lines.get(i);
                    if (line.equals("KILLPOINT " + point.name)) {
                        killed = true;
                    } else if (UUID_LINE.matcher(line).matches()) {
                        printed.add(UUID.fromString(line));
                    } else if (i < lines.size() - 1) {
                        throw new AssertionError(
                                context + ": the child printed '" + line + "'; stderr: " + child.stderr());
                    }
                }
                assertThat(child.waitFor(TIMEOUT))
                        .as("%s: exit code of the halt", context)
                        .isEqualTo(137);
            }
            assertThat(killed).as("%s: the kill point was reached", context).isTrue();
            for (UUID id : printed) {
                assertThat(reported.add(id))
                        .as("%s: printed twice: %s", context, id)
                        .isTrue();
            }
            assertThat(journal).as("%s: the crash left the journal", context).exists();
            if (point == Point.MID_APPEND) {
                assertThat(tornTail(journal))
                        .as("%s: the journal ends in a torn frame", context)
                        .isPositive();
            }
            // the writer is dead, so nothing holds the file: a read-only open loads what the journal holds first
            Instant beforeReopen = Instant.now();
            try (AgentStore readOnly =
                    AgentStore.builder().path(file).readOnly().lockWait(TIMEOUT).build()) {
                assertThat(readOnly.journalPending())
                        .as("%s: a read-only open after the writer died loads the journal", context)
                        .isZero();
                Set<UUID> seen = new HashSet<>();
                for (Row row :
                        readOnly.sql("SELECT event_id FROM fact_tool_call").rows()) {
                    seen.add(row.uuid("event_id"));
                }
                assertThat(printed.stream().filter(id -> !seen.contains(id)).toList())
                        .as("%s: acknowledged records a read-only open does not see", context)
                        .isEmpty();
            }
            Map<UUID, Long> stored = new HashMap<>();
            Map<UUID, Instant> recordedAt = new HashMap<>();
            try (AgentStore store =
                    AgentStore.builder().path(file).lockWait(TIMEOUT).build()) {
                for (Row row : store.sql(
                                "SELECT event_id, count(*) AS n, max(recorded_at) AS at FROM fact_tool_call GROUP BY"
                                        + " event_id")
                        .rows()) {
                    stored.put(row.uuid("event_id"), row.int64("n"));
                    recordedAt.put(row.uuid("event_id"), row.instant("at"));
                }
                assertThat(store.journalPending()).isZero();
            }
            assertThat(journal)
                    .as("%s: the reopen loaded the journal and closing removed it", context)
                    .doesNotExist();
            assertThat(stored)
                    .as("%s: event ids stored more than once", context)
                    .allSatisfy((id, n) -> assertThat(n).as("copies of %s", id).isEqualTo(1L));
            List<UUID> missing =
                    printed.stream().filter(id -> !stored.containsKey(id)).toList();
            assertThat(missing)
                    .as("%s: %d of %d acknowledged ids are not in the file", context, missing.size(), printed.size())
                    .isEmpty();
            long rows = stored.size();
            assertThat(rows).as("%s: facts only grow", context).isGreaterThanOrEqualTo(previousRows + printed.size());
            Instant max = previousMax;
            long loadedAtReopen = 0;
            for (Map.Entry<UUID, Instant> e : recordedAt.entrySet()) {
                if (reported.contains(e.getKey()) && printed.contains(e.getKey())) {
                    assertThat(e.getValue())
                            .as("%s: recorded_at of %s is later than every row before the crash", context, e.getKey())
                            .isAfter(previousMax);
                }
                if (!e.getValue().isBefore(beforeReopen)) {
                    loadedAtReopen++;
                }
                if (e.getValue().isAfter(max)) {
                    max = e.getValue();
                }
            }
            if (point == Point.AFTER_FSYNC || point == Point.MID_LOAD) {
                assertThat(loadedAtReopen)
                        .as(
                                "%s: records journaled before the crash got their recorded_at when the reopen loaded"
                                        + " them, not when they were appended",
                                context)
                        .isPositive();
            }
            replayedRows += loadedAtReopen;
            previousRows = rows;
            previousMax = max;
            checked += printed.size();
            System.out.printf(
                    "JournalCrashIT %s: %d acknowledged, %d rows, %d loaded by the reopen%n",
                    context, printed.size(), rows, loadedAtReopen);
        }
        System.out.printf(
                "JournalCrashIT FIGURES %s: %d kills, %d acknowledged records present exactly once, %d loaded from"
                        + " the journal at reopen, 0 lost%n",
                point.name, rounds, checked, replayedRows);
        assertThat(checked).as("the rounds checked something").isPositive();
    }

    /**
     * The bytes after the last whole frame (4-byte length, 4-byte CRC32C, payload), read without the journal's
     * own code.
     */
    private static long tornTail(Path journal) throws Exception {
        byte[] bytes = Files.readAllBytes(journal);
        ByteBuffer b = ByteBuffer.wrap(bytes);
        int pos = 0;
        while (pos + 8 <= bytes.length) {
            int length = b.getInt(pos);
            if (length <= 0 || pos + 8L + length > bytes.length) {
                break;
            }
            pos += 8 + length;
        }
        return bytes.length - pos;
    }
}
