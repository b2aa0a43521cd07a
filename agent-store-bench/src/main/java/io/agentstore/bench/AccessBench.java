package io.agentstore.bench;

import io.agentstore.AgentStore;
import io.agentstore.claudecode.SyntheticHistory;
import io.agentstore.mcp.OwnerServer;
import io.agentstore.mcp.StoreAccess;
import io.agentstore.tokens.TokensModule;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.spec.McpSchema;
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
 * {@code agent-store serve} runs it) holds the file and the call is forwarded over the loopback interface, both
 * measured in one warm JVM; and what an agent pays for its first answer from {@code agent-store mcp}: the CLI jar
 * started as a process by the MCP SDK's own stdio client, initialized, one {@code recall_previous_attempts} call
 * answered, the process closed, without and with an owner holding the file.
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
            names = "--process-calls",
            description = "`agent-store mcp` processes started per mode; 0 skips them (default: ${DEFAULT-VALUE}).")
    int processCalls = 10;

    @Option(
            names = "--cli-jar",
            paramLabel = "JAR",
            description = "The CLI jar for the process modes (default: ../agent-store-cli/target/agent-store.jar,"
                    + " built by `mvn -pl agent-store-cli -am package -DskipTests`).")
    Path cliJar;

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
        Path jar = cliJar != null
                ? Bench.given(cliJar).toAbsolutePath()
                : Path.of("..", "agent-store-cli", "target", "agent-store.jar").toAbsolutePath();
        boolean processes = processCalls > 0 && Files.isRegularFile(jar);
        if (processCalls > 0 && !processes) {
            Bench.log("access: no CLI jar at " + jar + " (mvn -pl agent-store-cli -am package -DskipTests);"
                    + " the `agent-store mcp` process modes are skipped");
        }
        double[] processAlone = processes ? measureProcesses(jar, db, file) : null;
        double[] served;
        double[] processServed = null;
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
            if (processes) {
                processServed = measureProcesses(jar, db, file);
            }
        }
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("per_call_open_ms", summary(perCall));
        r.put("forwarded_to_owner_ms", summary(served));
        StringBuilder md = new StringBuilder(String.format(
                Locale.ROOT, "| mode | median ms | p90 ms | p95 ms | min ms |%n| --- | --- | --- | --- | --- |%n"));
        row(md, "open + recall + close (no owner), warm JVM", perCall);
        row(md, "forwarded to `serve` (loopback), warm JVM", served);
        if (processes) {
            r.put("mcp_process_ms", summary(processAlone));
            r.put("mcp_process_with_owner_ms", summary(processServed));
            row(md, "`agent-store mcp` process: start + initialize + one recall + exit (no owner)", processAlone);
            row(md, "`agent-store mcp` process, `serve` holding the file", processServed);
        }
        System.out.println(md);
        Path results = out == null ? Path.of("target", "bench-results") : out.toAbsolutePath();
        Files.createDirectories(results);
        Files.writeString(results.resolve("access.md"), md.toString());
        Report.JSON.writeValue(results.resolve("access.json").toFile(), r);
        return 0;
    }

    private static void row(StringBuilder md, String mode, double[] sorted) {
        md.append(String.format(
                Locale.ROOT,
                "| %s | %.1f | %.1f | %.1f | %.1f |%n",
                mode,
                pct(sorted, 50),
                pct(sorted, 90),
                pct(sorted, 95),
                sorted[0]));
    }

    /**
     * Starts {@code agent-store mcp} from the CLI jar through the MCP SDK's stdio client {@link #processCalls} times
     * and times each from process start to the answer of one {@code recall_previous_attempts} call and the process's
     * end.
     */
    private double[] measureProcesses(Path jar, Path db, String file) {
        double[] ms = new double[processCalls];
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        for (int i = 0; i < processCalls; i++) {
            long t = System.nanoTime();
            ServerParameters params = ServerParameters.builder(java)
                    .args(
                            "-jar",
                            jar.toString(),
                            "mcp",
                            "--db",
                            db.toAbsolutePath().toString())
                    .build();
            McpSyncClient client = McpClient.sync(new StdioClientTransport(params, McpJsonDefaults.getMapper()))
                    .requestTimeout(Duration.ofMinutes(2))
                    .initializationTimeout(Duration.ofMinutes(1))
                    .build();
            try {
                client.initialize();
                McpSchema.CallToolResult result =
                        client.callTool(McpSchema.CallToolRequest.builder("recall_previous_attempts")
                                .arguments(Map.of("file_path", file, "limit", 10))
                                .build());
                if (Boolean.TRUE.equals(result.isError())) {
                    throw new IllegalStateException("recall_previous_attempts failed: " + result.content());
                }
            } finally {
                client.closeGracefully();
            }
            ms[i] = (System.nanoTime() - t) / 1e6;
        }
        Arrays.sort(ms);
        return ms;
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
        return Map.of(
                "median",
                pct(sorted, 50),
                "p90",
                pct(sorted, 90),
                "p95",
                pct(sorted, 95),
                "min",
                sorted[0],
                "all",
                all);
    }
}
