package io.agentstore.claudecode;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agentstore.spi.Json;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Writes a realistic, seeded Claude Code history: a projects folder with sessions over several projects
 * and days, in the format Claude Code writes (one line per content block with placeholder output tokens on
 * early lines, tool uses and their results, edits with patches, todo lists, sub-agents in both file
 * layouts, in 2.1.x sessions also carried by {@code agent_progress} records of the parent transcript,
 * compactions, summaries and other line types). It returns a {@link Ledger} of what it wrote,
 * which an import must reproduce. Used by {@code agent-store demo}, the benchmarks and the tests.
 */
public final class SyntheticHistory {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final String[] PROJECTS = {"webshop", "billing-api", "ml-pipeline", "docs-site", "infra"};
    private static final String[] MODELS = {
        "claude-sonnet-4-5-20250929",
        "claude-sonnet-4-5-20250929",
        "claude-sonnet-4-5-20250929",
        "claude-opus-4-5-20251101",
        "claude-haiku-4-5-20251001"
    };
    private static final String[] FILES = {
        "src/main.py",
        "src/api/routes.py",
        "src/models/user.py",
        "README.md",
        "tests/test_api.py",
        "src/util/dates.py",
        "package.json",
        "src/components/Cart.tsx",
        "Dockerfile",
        "src/db/migrations/001_init.sql",
        "src/services/payment.py",
        "docs/guide.md"
    };
    private static final String[] PROMPTS = {
        "fix the failing test in tests/test_api.py",
        "add pagination to the orders endpoint",
        "why is the build slow?",
        "refactor the payment service into smaller functions",
        "write docs for the CLI",
        "review my last commit",
        "upgrade the dependencies and make sure everything still passes"
    };

    private final long seed;
    private final int sessions;
    private final Instant end;
    private final int days;

    /**
     * What was written, the truth an import must reproduce.
     *
     * @param files             transcript files written
     * @param bytes             their total size
     * @param apiCalls          distinct API calls (message id, request id)
     * @param toolCalls         tool uses (each with a result or none)
     * @param fileModifications successful Edit/Write calls
     * @param tokensByDayModel  "yyyy-mm-dd model" → {input, output, cache read, cache write 5m, cache write 1h}
     */
    public record Ledger(
            long files,
            long bytes,
            long apiCalls,
            long toolCalls,
            long fileModifications,
            Map<String, long[]> tokensByDayModel) {
        /** Copies the map. */
        public Ledger {
            tokensByDayModel = Map.copyOf(tokensByDayModel);
        }
    }

    private SyntheticHistory(long seed, int sessions, Instant end, int days) {
        this.seed = seed;
        this.sessions = sessions;
        this.end = end;
        this.days = days;
    }

    /**
     * A history of {@code sessions} sessions spread over the {@code days} days before {@code end}.
     *
     * @throws IllegalArgumentException for a negative count or days below 1
     */
    public static SyntheticHistory of(long seed, int sessions, Instant end, int days) {
        if (sessions < 0) {
            throw new IllegalArgumentException("sessions must be >= 0, was " + sessions);
        }
        if (days < 1) {
            throw new IllegalArgumentException("days must be >= 1, was " + days);
        }
        return new SyntheticHistory(seed, sessions, Objects.requireNonNull(end, "end"), days);
    }

    /** Writes the history under {@code projectsDir} (created when missing) and returns its ledger. */
    public Ledger writeTo(Path projectsDir) {
        Random random = new Random(seed);
        Totals totals = new Totals();
        try {
            for (int s = 0; s < sessions; s++) {
                String project = PROJECTS[random.nextInt(PROJECTS.length)];
                Instant start = end.minus(Duration.ofMinutes(1 + random.nextInt(days * 24 * 60)));
                new Session(
                                random,
                                projectsDir,
                                project,
                                new UUID(random.nextLong(), random.nextLong()).toString(),
                                start,
                                totals)
                        .write();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the synthetic history under " + projectsDir, e);
        }
        return new Ledger(
                totals.files, totals.bytes, totals.apiCalls, totals.toolCalls, totals.fileMods, totals.tokens);
    }

    private static final class Totals {
        long files;
        long bytes;
        long apiCalls;
        long toolCalls;
        long fileMods;
        final Map<String, long[]> tokens = new TreeMap<>();

        void add(Instant at, String model, long in, long out, long read, long w5, long w1) {
            long[] t = tokens.computeIfAbsent(LocalDate.ofInstant(at, ZoneOffset.UTC) + " " + model, k -> new long[5]);
            t[0] += in;
            t[1] += out;
            t[2] += read;
            t[3] += w5;
            t[4] += w1;
            apiCalls++;
        }
    }

    /** One session file, and the sub-agent files it spawns. */
    private static final class Session {
        final Random random;
        final Path dir;
        final String project;
        final String sessionId;
        final Totals totals;
        final List<String> lines = new ArrayList<>();
        final String cwd;
        final String version;
        final boolean sidechain;
        final String agentId;
        Instant now;
        String parent;
        long context = 8_000;
        int messages;
        /** The parent whose transcript carries this sub-agent's responses as progress records, or null. */
        Session progressTo;
        /** The parent's tool use that started this sub-agent. */
        String parentToolUseId;

        Session(Random random, Path projectsDir, String project, String sessionId, Instant start, Totals totals) {
            this(random, projectsDir.resolve("-home-dev-" + project), project, sessionId, start, totals, false, null);
        }

        Session(
                Random random,
                Path dir,
                String project,
                String sessionId,
                Instant start,
                Totals totals,
                boolean sidechain,
                String agentId) {
            this.random = random;
            this.dir = dir;
            this.project = project;
            this.sessionId = sessionId;
            this.now = start;
            this.totals = totals;
            this.cwd = "/home/dev/" + project;
            this.version = random.nextBoolean() ? "2.0.37" : "2.1.17";
            this.sidechain = sidechain;
            this.agentId = agentId;
        }

        ObjectNode base(String type) {
            ObjectNode n = F.objectNode();
            n.put("parentUuid", parent);
            n.put("isSidechain", sidechain);
            n.put("userType", "external");
            n.put("cwd", cwd);
            n.put("sessionId", sessionId);
            n.put("version", version);
            n.put("gitBranch", "main");
            if (agentId != null) {
                n.put("agentId", agentId);
            }
            n.put("type", type);
            String uuid = new UUID(random.nextLong(), random.nextLong()).toString();
            n.put("uuid", uuid);
            n.put("timestamp", now.toString());
            parent = uuid;
            return n;
        }

        void tick(int maxMillis) {
            now = now.plusMillis(50 + random.nextInt(maxMillis));
        }

        void write() throws IOException {
            int turns = sidechain ? 3 + random.nextInt(5) : 4 + random.nextInt(20);
            if (!sidechain) {
                ObjectNode snap =
                        F.objectNode().put("type", "file-history-snapshot").put("messageId", "m0");
                snap.putObject("snapshot").put("trackedFileBackups", 0);
                lines.add(snap.toString());
            }
            for (int t = 0; t < turns; t++) {
                userPrompt(
                        t == 0 && sidechain
                                ? "Explore the code and report back"
                                : PROMPTS[random.nextInt(PROMPTS.length)]);
                int steps = 1 + random.nextInt(4);
                String model = MODELS[random.nextInt(MODELS.length)];
                if (sidechain) {
                    model = "claude-haiku-4-5-20251001";
                }
                for (int step = 0; step < steps; step++) {
                    response(model, step < steps - 1);
                }
                if (!sidechain && context > 150_000 && random.nextInt(3) == 0) {
                    compact();
                }
            }
            if (!sidechain && random.nextInt(4) == 0) {
                lines.add(F.objectNode()
                        .put("type", "summary")
                        .put("summary", "Work on " + project)
                        .put("leafUuid", parent)
                        .toString());
            }
            Path file = sidechain
                    ? (agentId.length() > 8
                            ? dir.resolve("agent-" + agentId + ".jsonl")
                            : dir.resolve("agent-" + agentId + ".jsonl"))
                    : dir.resolve(sessionId + ".jsonl");
            Files.createDirectories(file.getParent());
            try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                for (String l : lines) {
                    w.write(l);
                    w.write('\n');
                }
            }
            Files.setLastModifiedTime(file, FileTime.from(now));
            totals.files++;
            totals.bytes += Files.size(file);
        }

        void userPrompt(String text) {
            tick(60_000);
            ObjectNode n = base("user");
            n.putObject("message").put("role", "user").put("content", text);
            lines.add(n.toString());
        }

        void response(String model, boolean useTool) throws IOException {
            tick(8_000);
            String messageId = "msg_" + Long.toHexString(random.nextLong() & Long.MAX_VALUE);
            String requestId = "req_" + Long.toHexString(random.nextLong() & Long.MAX_VALUE);
            long input = 1 + random.nextInt(40);
            long cacheRead = context;
            long write = 200 + random.nextInt(4_000);
            boolean hour = random.nextInt(5) == 0;
            long w5 = hour ? 0 : write;
            long w1 = hour ? write : 0;
            long output = 20 + random.nextInt(1_500);
            context += write + output;
            List<ObjectNode> blocks = new ArrayList<>();
            if (random.nextBoolean()) {
                blocks.add(
                        F.objectNode().put("type", "thinking").put("thinking", "Let me think about " + project + "."));
            }
            blocks.add(F.objectNode().put("type", "text").put("text", "I'll look into that."));
            ObjectNode toolUse = null;
            String tool = null;
            if (useTool) {
                tool = pickTool();
                toolUse = F.objectNode()
                        .put("type", "tool_use")
                        .put("id", "toolu_" + Long.toHexString(random.nextLong() & Long.MAX_VALUE))
                        .put("name", tool);
                toolUse.set("input", toolInput(tool));
                blocks.add(toolUse);
            }
            Instant at = now;
            for (int i = 0; i < blocks.size(); i++) {
                boolean last = i == blocks.size() - 1;
                ObjectNode n = base("assistant");
                n.put("requestId", requestId);
                ObjectNode m = n.putObject("message");
                m.put("model", model)
                        .put("id", messageId)
                        .put("type", "message")
                        .put("role", "assistant");
                m.putArray("content").add(blocks.get(i));
                m.put("stop_reason", last ? (useTool ? "tool_use" : "end_turn") : null);
                ObjectNode u = m.putObject("usage");
                u.put("input_tokens", input)
                        .put("cache_creation_input_tokens", write)
                        .put("cache_read_input_tokens", cacheRead);
                u.putObject("cache_creation")
                        .put("ephemeral_5m_input_tokens", w5)
                        .put("ephemeral_1h_input_tokens", w1);
                // Claude Code writes the final output count only on the last line of a response
                u.put("output_tokens", last ? output : 1 + random.nextInt(8)).put("service_tier", "standard");
                lines.add(n.toString());
                if (progressTo != null) {
                    progressTo.lines.add(progress(n).toString());
                }
                if (last) {
                    at = now;
                }
                tick(400);
            }
            totals.add(at, model, input, output, cacheRead, w5, w1);
            if (toolUse != null) {
                toolResult(toolUse, tool);
            }
        }

        /**
         * The progress record by which Claude Code 2.1.x repeats a sub-agent's line in the parent's transcript;
         * its ids are derived from the line's, so the history's random sequence stays what it was.
         */
        ObjectNode progress(ObjectNode line) {
            Session p = progressTo;
            ObjectNode n = F.objectNode();
            n.put("parentUuid", p.parent);
            n.put("isSidechain", false);
            n.put("userType", "external");
            n.put("cwd", p.cwd);
            n.put("sessionId", p.sessionId);
            n.put("version", p.version);
            n.put("gitBranch", "main");
            n.put("type", "progress");
            ObjectNode data = n.putObject("data");
            ObjectNode message = data.putObject("message");
            message.put("type", "assistant");
            message.set("message", line.get("message").deepCopy());
            message.put("requestId", line.path("requestId").asText());
            message.put("uuid", line.path("uuid").asText());
            message.put("timestamp", line.path("timestamp").asText());
            data.putArray("normalizedMessages");
            data.put("type", "agent_progress");
            data.put("prompt", "Look around");
            data.put("agentId", agentId);
            n.put("toolUseID", "agent_msg_" + line.path("uuid").asText());
            n.put("parentToolUseID", parentToolUseId);
            n.put(
                    "uuid",
                    UUID.nameUUIDFromBytes(("progress|" + line.path("uuid").asText()).getBytes(StandardCharsets.UTF_8))
                            .toString());
            n.put("timestamp", line.path("timestamp").asText());
            return n;
        }

        String pickTool() {
            int r = random.nextInt(100);
            if (r < 30) {
                return "Read";
            } else if (r < 50) {
                return "Edit";
            } else if (r < 65) {
                return "Bash";
            } else if (r < 75) {
                return "Grep";
            } else if (r < 82) {
                return "Write";
            } else if (r < 90) {
                return "Glob";
            } else if (r < 96 || sidechain) {
                return "TodoWrite";
            }
            return "Task";
        }

        ObjectNode toolInput(String tool) {
            String file = cwd + "/" + FILES[random.nextInt(FILES.length)];
            ObjectNode in = F.objectNode();
            switch (tool) {
                case "Read" -> in.put("file_path", file);
                case "Edit" ->
                    in.put("file_path", file)
                            .put("old_string", "def old():\n    return 1\n")
                            .put("new_string", "def new():\n    return 2\n\n# added\n");
                case "Write" -> in.put("file_path", file).put("content", "line 1\nline 2\nline 3\n");
                case "Bash" ->
                    in.put("command", random.nextBoolean() ? "pytest -q" : "git status")
                            .put("description", "Run it");
                case "Grep" -> in.put("pattern", "deprecated").put("path", cwd);
                case "Glob" -> in.put("pattern", "**/*.py");
                case "TodoWrite" -> {
                    ArrayNode todos = in.putArray("todos");
                    todos.addObject()
                            .put("content", "Reproduce the bug")
                            .put("status", "completed")
                            .put("activeForm", "Reproducing");
                    todos.addObject()
                            .put("content", "Fix it")
                            .put("status", "in_progress")
                            .put("activeForm", "Fixing");
                }
                case "Task" ->
                    in.put("subagent_type", "Explore")
                            .put("description", "Explore the code")
                            .put("prompt", "Look around");
                default -> in.put("input", "x");
            }
            return in;
        }

        void toolResult(ObjectNode toolUse, String tool) throws IOException {
            boolean error = random.nextInt(100) < 6;
            if (tool.equals("Task")) {
                subagent(toolUse.path("id").asText());
            }
            tick(tool.equals("Bash") ? 20_000 : 1_500);
            ObjectNode n = base("user");
            ArrayNode content = n.putObject("message").put("role", "user").putArray("content");
            ObjectNode r = content.addObject()
                    .put("tool_use_id", toolUse.path("id").asText())
                    .put("type", "tool_result");
            r.put(
                    "content",
                    error
                            ? "<tool_use_error>String to replace not found in file.</tool_use_error>"
                            : "ok: " + tool + " done");
            r.put("is_error", error);
            ObjectNode result = n.putObject("toolUseResult");
            if (!error && tool.equals("Edit")) {
                result.put("filePath", toolUse.path("input").path("file_path").asText());
                ArrayNode hunk = result.putArray("structuredPatch")
                        .addObject()
                        .put("oldStart", 1)
                        .put("oldLines", 2)
                        .put("newStart", 1)
                        .put("newLines", 4)
                        .putArray("lines");
                hunk.add("-def old():")
                        .add("-    return 1")
                        .add("+def new():")
                        .add("+    return 2")
                        .add("+")
                        .add("+# added");
            } else if (!error && tool.equals("Write")) {
                result.put("type", random.nextBoolean() ? "create" : "update")
                        .put("filePath", toolUse.path("input").path("file_path").asText());
            } else if (tool.equals("Bash")) {
                result.put("stdout", "ok").put("stderr", "").put("interrupted", false);
            }
            lines.add(n.toString());
            totals.toolCalls++;
            if (!error && (tool.equals("Edit") || tool.equals("Write"))) {
                totals.fileMods++;
            }
        }

        void subagent(String toolUseId) throws IOException {
            String id = Long.toHexString(random.nextLong() & 0xFFFFFFFFL);
            boolean newLayout = random.nextBoolean();
            Path subDir = newLayout ? dir.resolve(sessionId).resolve("subagents") : dir;
            String agent = newLayout ? "a" + id + "0000000" : id;
            Session sub = new Session(random, subDir, project, sessionId, now, totals, true, agent);
            if (newLayout && version.startsWith("2.1.")) {
                sub.progressTo = this;
                sub.parentToolUseId = toolUseId;
            }
            sub.write();
            if (newLayout) {
                Files.writeString(
                        subDir.resolve("agent-" + agent + ".meta.json"),
                        "{\"agentType\":\"Explore\",\"description\":\"Explore the code\"}");
            }
            now = sub.now;
        }

        void compact() {
            tick(2_000);
            ObjectNode n = base("system");
            n.put("subtype", "compact_boundary")
                    .put("content", "Conversation compacted")
                    .put("level", "info");
            n.putObject("compactMetadata").put("trigger", "auto").put("preTokens", context);
            lines.add(n.toString());
            context = 12_000;
        }
    }

    /** JSON of a value, for tests that build lines by hand. */
    static String json(Object value) {
        return Json.write(value);
    }
}
