package io.agentstore.mcp;

import io.agentstore.AgentStore;
import io.agentstore.claudecode.ClaudeCodeImporter;
import io.agentstore.claudecode.HookSpool;
import io.agentstore.claudecode.ImportSummary;
import io.agentstore.lifecycle.SkipList;
import io.agentstore.spi.ToolArgumentException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Claude Code import as an owner operation ({@value #OPERATION}): the same importer and hook spool the
 * {@code ingest claude-code} command uses, run inside the owner process when one holds the file (forwarded),
 * and on its interval.
 */
public final class ClaudeCodeImports {
    /** The operation name clients forward. */
    public static final String OPERATION = "ingest-claude-code";

    private static final Object RUNNING = new Object();

    private ClaudeCodeImports() {}

    /**
     * The arguments of a forwarded import.
     *
     * @param projects  projects folders (empty: Claude Code's default)
     * @param since     only files changed since, or null
     * @param idleAfter when a file counts as finished
     * @param hooks     whether the hook spool is drained too
     */
    public static Map<String, Object> arguments(List<Path> projects, Instant since, Duration idleAfter, boolean hooks) {
        Map<String, Object> m = new LinkedHashMap<>();
        List<String> p = new ArrayList<>();
        projects.forEach(x -> p.add(x.toAbsolutePath().toString()));
        m.put("projects", p);
        m.put("since", since == null ? null : since.toString());
        m.put("idle_after_ms", idleAfter.toMillis());
        m.put("hooks", hooks);
        return m;
    }

    /** Runs one import on the open store of {@code database}; one at a time per process. */
    public static ImportSummary run(AgentStore store, Path database, Map<String, Object> args) {
        ClaudeCodeImporter.Builder b = ClaudeCodeImporter.builder(store);
        if (args.get("projects") instanceof List<?> l) {
            l.forEach(p -> b.projectsDir(Path.of(String.valueOf(p))));
        }
        if (args.get("since") instanceof String s) {
            try {
                b.since(Instant.parse(s));
            } catch (DateTimeParseException e) {
                throw new ToolArgumentException("since", "since must be an ISO-8601 instant, was '" + s + "'");
            }
        }
        if (args.get("idle_after_ms") instanceof Number n) {
            b.idleAfter(Duration.ofMillis(n.longValue()));
        }
        if (!Boolean.FALSE.equals(args.get("hooks"))) {
            b.hookSpool(HookSpool.besideDatabase(database));
        }
        // erased sessions stay erased: the same skip list as the ingest command's
        b.exclude(SkipList.of(store));
        synchronized (RUNNING) {
            return b.build().run();
        }
    }
}
