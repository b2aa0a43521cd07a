package io.agentstore.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The seeded, deterministic workload every contender records: {@code sessions} sessions of
 * {@value #TOOL_CALLS_PER_SESSION} tool calls and {@value #API_CALLS_PER_SESSION} API calls each, over
 * {@value #DAYS} days before {@link #END}. 15 tool names, {@value #FILES} file paths with a Zipf skew (exponent
 * 1), 3 models with realistic token counts (a large prompt-cache read on every call after the first), 5%
 * failed tool calls with an error type, {@value #AGENTS} agents, 4 task types.
 *
 * <p>Events are held column-wise in primitive arrays (about 70 bytes per event), so that generating them is
 * not part of any contender's time and 100x (14 million events) fits in memory. Events are in session order;
 * a session's events are in time order. Every occurred-at instant is unique (the microseconds of an event are
 * the index of its session), so "the latest 10" has exactly one answer.
 */
public final class Workload {
    /** The store clock of every contender: the reference queries' "last 30 days" end here. */
    public static final Instant END = Instant.parse("2026-11-01T00:00:00Z");
    /** Days the workload spans. */
    public static final int DAYS = 90;
    /** Tool calls per session. */
    public static final int TOOL_CALLS_PER_SESSION = 50;
    /** API calls per session. */
    public static final int API_CALLS_PER_SESSION = 20;
    /** Events per session. */
    public static final int EVENTS_PER_SESSION = TOOL_CALLS_PER_SESSION + API_CALLS_PER_SESSION;
    /** Distinct file paths. */
    public static final int FILES = 5_000;
    /** Distinct agents. */
    public static final int AGENTS = 20;
    /** Kind of an event: a tool call. */
    public static final byte TOOL = 0;
    /** Kind of an event: an API call. */
    public static final byte API = 1;
    /** The provider of every model. */
    public static final String PROVIDER = "anthropic";

    /** Tool names, in the order of {@link #TOOL_WEIGHTS}. */
    static final String[] TOOLS = {
        "Read",
        "Edit",
        "Bash",
        "Grep",
        "Glob",
        "Write",
        "MultiEdit",
        "TodoWrite",
        "LS",
        "WebFetch",
        "WebSearch",
        "Task",
        "NotebookEdit",
        "mcp__github__create_issue",
        "mcp__jira__search_issues"
    };

    private static final int[] TOOL_WEIGHTS = {25, 15, 15, 10, 6, 5, 4, 5, 3, 2, 2, 3, 1, 2, 2};
    private static final boolean[] TOOL_HAS_PATH = {
        true, true, false, true, false, true, true, false, false, false, false, false, true, false, false
    };
    /** Error types of failed tool calls. */
    static final String[] ERRORS = {
        "file_not_found", "permission_denied", "timeout", "string_not_found", "exit_code_1", "syntax_error"
    };
    /** Task types. */
    static final String[] TASK_TYPES = {"debug", "refactor", "implement", "analyze"};
    /** Models, named as the bundled price table names them. */
    static final String[] MODELS = {
        "claude-sonnet-4-5-20250929", "claude-opus-4-5-20251101", "claude-haiku-4-5-20251001"
    };

    private static final int[] MODEL_WEIGHTS = {60, 15, 25};
    private static final String[] EXTENSIONS = {"java", "py", "ts", "tsx", "md", "sql", "json", "yaml", "go", "rs"};
    private static final String[] MODULES = {
        "core", "api", "web", "billing", "auth", "search", "jobs", "infra", "docs", "tests"
    };

    private final long seed;
    private final int sessions;
    private final int events;

    /** File paths; index 0 is the most frequent. */
    final String[] files;
    /** Agent names. */
    final String[] agents;
    /** Session ids (UUID text, like Claude Code's). */
    final String[] sessionIds;
    /** Task ids: two per session ({@code 2s}, {@code 2s + 1}); a session uses one or both. */
    final String[] taskIds;
    /** The type of each task (index into {@link #TASK_TYPES}). */
    final byte[] taskType;

    /** Session of each event. */
    final int[] session;
    /** {@link #TOOL} or {@link #API}. */
    final byte[] kind;
    /** occurred_at in microseconds since the epoch. */
    final long[] atMicros;
    /** Event id, most significant bits. */
    final long[] idHi;
    /** Event id, least significant bits. */
    final long[] idLo;
    /** Agent (index into {@link #agents}). */
    final byte[] agent;
    /** Task (index into {@link #taskIds}). */
    final int[] task;
    /** Tool (tool calls) or model (API calls). */
    final byte[] what;
    /** File of a tool call (index into {@link #files}), or -1. */
    final int[] file;
    /** Error of a failed tool call (index into {@link #ERRORS}), or -1. */
    final byte[] error;
    /** Tool call: duration ms. API call: uncached input tokens. */
    final int[] v0;
    /** Tool call: input tokens. API call: output tokens. */
    final int[] v1;
    /** Tool call: output tokens. API call: cache read tokens. */
    final int[] v2;
    /** API call: 5-minute cache write tokens. */
    final int[] v3;
    /** API call: 1-hour cache write tokens. */
    final int[] v4;

    private Workload(long seed, int sessions) {
        this.seed = seed;
        this.sessions = sessions;
        long n = (long) sessions * EVENTS_PER_SESSION;
        if (n > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("too many sessions: " + sessions);
        }
        this.events = (int) n;
        files = new String[FILES];
        for (int i = 0; i < FILES; i++) {
            files[i] = path(i);
        }
        agents = new String[AGENTS];
        for (int i = 0; i < AGENTS; i++) {
            agents[i] = String.format(Locale.ROOT, "agent-%02d", i + 1);
        }
        sessionIds = new String[sessions];
        taskIds = new String[sessions * 2];
        taskType = new byte[sessions * 2];
        session = new int[events];
        kind = new byte[events];
        atMicros = new long[events];
        idHi = new long[events];
        idLo = new long[events];
        agent = new byte[events];
        task = new int[events];
        what = new byte[events];
        file = new int[events];
        error = new byte[events];
        v0 = new int[events];
        v1 = new int[events];
        v2 = new int[events];
        v3 = new int[events];
        v4 = new int[events];
        generate();
    }

    /**
     * The workload of {@code sessions} sessions from {@code seed}.
     *
     * @throws IllegalArgumentException when {@code sessions} is below 1 or above 1,000,000
     */
    public static Workload of(long seed, int sessions) {
        if (sessions < 1 || sessions > 1_000_000) {
            throw new IllegalArgumentException("sessions must be within 1..1,000,000, was " + sessions);
        }
        return new Workload(seed, sessions);
    }

    /** The seed. */
    public long seed() {
        return seed;
    }

    /** Sessions. */
    public int sessions() {
        return sessions;
    }

    /** Events (tool calls and API calls). */
    public int events() {
        return events;
    }

    /** The index of a session's first event. */
    public static int firstEvent(int session) {
        return session * EVENTS_PER_SESSION;
    }

    private static String path(int i) {
        String module = MODULES[i % MODULES.length];
        String ext = EXTENSIONS[(i / 7) % EXTENSIONS.length];
        return "src/" + module + "/pkg" + (i / 100) + "/File" + i + "." + ext;
    }

    private void generate() {
        SplittableRandom root = new SplittableRandom(seed);
        double[] zipf = zipfCdf(FILES, 1.0);
        long endSeconds = END.getEpochSecond();
        long spanSeconds = Duration.ofDays(DAYS).toSeconds() - 3_600;
        int e = 0;
        for (int s = 0; s < sessions; s++) {
            SplittableRandom r = root.split();
            sessionIds[s] = new java.util.UUID(
                            r.nextLong() & ~0xF000L | 0x4000L, r.nextLong() & 0x3FFFFFFFFFFFFFFFL | 0x8000000000000000L)
                    .toString();
            int tasks = 1 + r.nextInt(2);
            for (int k = 0; k < 2; k++) {
                taskIds[2 * s + k] = "T-" + s + "-" + k;
                taskType[2 * s + k] = (byte) r.nextInt(TASK_TYPES.length);
            }
            byte sessionAgent = (byte) r.nextInt(AGENTS);
            long second = endSeconds - 3_600 - r.nextLong(spanSeconds);
            // which of the 70 positions are API calls: 20 of them, the first position always one
            boolean[] isApi = new boolean[EVENTS_PER_SESSION];
            isApi[0] = true;
            for (int placed = 1; placed < API_CALLS_PER_SESSION; ) {
                int p = 1 + r.nextInt(EVENTS_PER_SESSION - 1);
                if (!isApi[p]) {
                    isApi[p] = true;
                    placed++;
                }
            }
            boolean firstApi = true;
            for (int k = 0; k < EVENTS_PER_SESSION; k++, e++) {
                second += 1 + r.nextInt(40);
                session[e] = s;
                atMicros[e] = second * 1_000_000L + s % 1_000_000;
                idHi[e] = r.nextLong() & ~0xF000L | 0x4000L;
                idLo[e] = r.nextLong() & 0x3FFFFFFFFFFFFFFFL | 0x8000000000000000L;
                agent[e] = sessionAgent;
                task[e] = 2 * s + (tasks == 2 && k >= EVENTS_PER_SESSION / 2 ? 1 : 0);
                file[e] = -1;
                error[e] = -1;
                if (isApi[k]) {
                    kind[e] = API;
                    what[e] = (byte) pick(r, MODEL_WEIGHTS);
                    v0[e] = 1 + r.nextInt(5_000); // uncached input
                    v1[e] = 50 + (int) Math.min(7_950, Math.exp(4 + 2.5 * r.nextDouble())); // output
                    v2[e] = firstApi ? 0 : 10_000 + r.nextInt(140_001); // cache read
                    v3[e] = firstApi ? 5_000 + r.nextInt(15_001) : r.nextInt(5_001); // 5-minute cache write
                    v4[e] = r.nextInt(10) == 0 ? 1_000 + r.nextInt(9_001) : 0; // 1-hour cache write
                    firstApi = false;
                } else {
                    kind[e] = TOOL;
                    int tool = pick(r, TOOL_WEIGHTS);
                    what[e] = (byte) tool;
                    if (TOOL_HAS_PATH[tool]) {
                        file[e] = zipf(r, zipf);
                    }
                    if (r.nextInt(20) == 0) {
                        error[e] = (byte) r.nextInt(ERRORS.length);
                    }
                    v0[e] = (int) Math.min(600_000, Math.exp(3 + 6 * r.nextDouble())); // duration ms
                    v1[e] = 50 + r.nextInt(1_951);
                    v2[e] = 20 + r.nextInt(4_981);
                }
            }
        }
    }

    private static int pick(SplittableRandom r, int[] weights) {
        int total = 0;
        for (int w : weights) {
            total += w;
        }
        int x = r.nextInt(total);
        for (int i = 0; i < weights.length; i++) {
            x -= weights[i];
            if (x < 0) {
                return i;
            }
        }
        return weights.length - 1;
    }

    private static double[] zipfCdf(int n, double exponent) {
        double[] cdf = new double[n];
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += 1.0 / Math.pow(i + 1, exponent);
            cdf[i] = sum;
        }
        for (int i = 0; i < n; i++) {
            cdf[i] /= sum;
        }
        return cdf;
    }

    private static int zipf(SplittableRandom r, double[] cdf) {
        double x = r.nextDouble();
        int lo = 0;
        int hi = cdf.length - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (cdf[mid] < x) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** The tool name (tool calls) of event {@code e}. */
    String toolName(int e) {
        return TOOLS[what[e]];
    }

    /** The model name (API calls) of event {@code e}. */
    String modelName(int e) {
        return MODELS[what[e]];
    }

    /** The error type of event {@code e}, or null. */
    String errorType(int e) {
        return error[e] < 0 ? null : ERRORS[error[e]];
    }

    /** The target path of event {@code e}, or null. */
    String filePath(int e) {
        return file[e] < 0 ? null : files[file[e]];
    }

    /** The task type of event {@code e}. */
    String taskTypeOf(int e) {
        return TASK_TYPES[taskType[task[e]]];
    }

    /** The occurred-at instant of event {@code e}. */
    Instant occurredAt(int e) {
        return Instant.ofEpochSecond(
                Math.floorDiv(atMicros[e], 1_000_000L), Math.floorMod(atMicros[e], 1_000_000L) * 1_000L);
    }

    /** Whether {@code tool} (an index into {@link #TOOLS}) is an MCP tool. */
    static boolean isMcp(int tool) {
        return TOOLS[tool].startsWith("mcp__");
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "Workload[seed %d, %,d sessions, %,d events]", seed, sessions, events);
    }
}
