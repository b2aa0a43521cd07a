package io.agentstore.audit;

import io.agentstore.audit.internal.QueryLog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.UUID;

/**
 * A process appending query log lines to a database's spool, for {@link QueryLogRaceTest}: {@code append DB N}
 * appends N lines and prints {@code DONE}; {@code hold DB GO} opens the spool for one line, prints {@code OPENED},
 * waits (at most 5 s) for the file GO to exist, then writes its line and prints {@code DONE}.
 */
public final class QueryLogAppenderChild {
    private QueryLogAppenderChild() {}

    static QueryLogEntry entry(String origin) {
        return new QueryLogEntry(
                UUID.randomUUID(),
                Instant.parse("2026-05-01T10:00:00Z"),
                origin,
                new UserRef("child", "host", null, null),
                "0".repeat(64));
    }

    /** See the class comment. */
    public static void main(String[] args) throws Exception {
        Path db = Path.of(args[1]);
        if (args[0].equals("append")) {
            int n = Integer.parseInt(args[2]);
            for (int i = 0; i < n; i++) {
                QueryLog.append(
                        db,
                        QueryLog.line(entry("child " + ProcessHandle.current().pid())),
                        () -> {});
            }
        } else {
            Path go = Path.of(args[2]);
            QueryLog.append(db, QueryLog.line(entry("held")), () -> {
                System.out.println("OPENED");
                System.out.flush();
                long until = System.nanoTime() + 5_000_000_000L;
                while (!Files.exists(go) && System.nanoTime() < until) {
                    try {
                        Thread.sleep(10);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            });
        }
        System.out.println("DONE");
        System.out.flush();
    }
}
