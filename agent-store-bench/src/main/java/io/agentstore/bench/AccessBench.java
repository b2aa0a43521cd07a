package io.agentstore.bench;

import io.agentstore.AgentStore;
import io.agentstore.claudecode.SyntheticHistory;
import io.agentstore.mcp.OwnerServer;
import io.agentstore.mcp.StoreAccess;
import io.agentstore.tokens.TokensModule;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Per-call latency of the one access path ({@link StoreAccess}): one {@code recall_previous_attempts} call when
 * each call opens the database and closes it again (no owner), and when an owner ({@link OwnerServer}, as
 * {@code agent-store serve} runs it) holds the file and the call is forwarded over the loopback interface. Both
 * measured in one warm JVM, so JVM start (paid once per hook or per {@code agent-store} command) is not in them.
 */
@Command(
        name = "access",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description =
                "Per-call latency of StoreAccess: open + one recall per call, and the same call forwarded to a running owner.")
final class AccessBench implements Callable<Integer> {
    @Option(names = "--calls", description = "Calls measured per mode (default: ${DEFAULT-VALUE}).")
    int calls = 30;

    @Option(
            names = "--work",
            paramLabel = "DIR",
            description = "Where the store is written (default: target/bench-work).")
    Path work;

    @Option(
            names = "--out",
            paramLabel = "DIR",
            description = "Where to write access.md and access.json (default: target/bench-results).")
    Path out;

    @Override
    public Integer call() throws Exception {
        Path dir = work == null ? Path.of("target", "bench-work") : work.toAbsolutePath();
        Files.createDirectories(dir);
        Path db = dir.resolve("access.duckdb");
        Files.deleteIfExists(db);
        String file;
        try (AgentStore s =
                AgentStore.builder().path(db).install(TokensModule.create()).build()) {
            Path projects = dir.resolve("access-projects");
            if (!Files.isDirectory(projects)) {
                SyntheticHistory.of(11, 40, java.time.Instant.now(), 14).writeTo(projects);
            }
            io.agentstore.claudecode.ClaudeCodeImporter.builder(s)
                    .projectsDir(projects)
                    .idleAfter(Duration.ZERO)
                    .build()
                    .run();
            file = s.sql("SELECT target_path FROM v_tool_calls WHERE target_path IS NOT NULL GROUP BY 1"
                            + " ORDER BY count(*) DESC LIMIT 1")
                    .rows()
                    .get(0)
                    .string("target_path");
        }
        Map<String, Object> args = Map.of("file_path", file, "limit", 10);
        StoreAccess access = StoreAccess.forDatabase(
                db, () -> AgentStore.builder().install(TokensModule.create()), Duration.ofSeconds(30));
        access.callTool("recall_previous_attempts", args); // warm-up: class loading, the tool list
        double[] perCall = measure(() -> access.callTool("recall_previous_attempts", args));
        double[] served;
        try (AgentStore s = AgentStore.builder()
                        .path(db)
                        .install(TokensModule.create())
                        .build();
                OwnerServer owner = OwnerServer.start(s, db, Map.of())) {
            if (owner.port() <= 0) {
                throw new IllegalStateException("the owner does not listen");
            }
            access.callTool("recall_previous_attempts", args);
            served = measure(() -> access.callTool("recall_previous_attempts", args));
        }
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("per_call_open_ms", summary(perCall));
        r.put("forwarded_to_owner_ms", summary(served));
        String md = String.format(
                Locale.ROOT,
                "| mode | median ms | p90 ms | min ms |%n| --- | --- | --- | --- |%n"
                        + "| open + recall + close (no owner) | %.1f | %.1f | %.1f |%n"
                        + "| forwarded to `serve` (loopback) | %.1f | %.1f | %.1f |%n",
                pct(perCall, 50),
                pct(perCall, 90),
                perCall[0],
                pct(served, 50),
                pct(served, 90),
                served[0]);
        System.out.println(md);
        Path results = out == null ? Path.of("target", "bench-results") : out.toAbsolutePath();
        Files.createDirectories(results);
        Files.writeString(results.resolve("access.md"), md);
        Report.JSON.writeValue(results.resolve("access.json").toFile(), r);
        return 0;
    }

    private double[] measure(Runnable call) {
        double[] ms = new double[calls];
        for (int i = 0; i < calls; i++) {
            long t = System.nanoTime();
            call.run();
            ms[i] = (System.nanoTime() - t) / 1e6;
        }
        Arrays.sort(ms);
        return ms;
    }

    private static double pct(double[] sorted, int p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }

    private static Map<String, Object> summary(double[] sorted) {
        List<Double> all = new ArrayList<>();
        for (double d : sorted) {
            all.add(d);
        }
        return Map.of("median", pct(sorted, 50), "p90", pct(sorted, 90), "min", sorted[0], "all", all);
    }
}
