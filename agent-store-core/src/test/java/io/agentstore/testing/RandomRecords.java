package io.agentstore.testing;

import io.agentstore.core.AgentRef;
import io.agentstore.core.ApiCall;
import io.agentstore.core.Decision;
import io.agentstore.core.ErrorEvent;
import io.agentstore.core.FileModification;
import io.agentstore.core.IngestError;
import io.agentstore.core.IngestRun;
import io.agentstore.core.SessionEvent;
import io.agentstore.core.TaskOutcome;
import io.agentstore.core.TaskRef;
import io.agentstore.core.ToolCall;
import io.agentstore.spi.FactRecord;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * Seeded random core records for property tests: every field exercised, strings with quotes, SQL and
 * comment markers, any Unicode plane; natural keys unique per record unless {@code sharedKeys}.
 */
public final class RandomRecords {
    private static final String[] NASTY = {
        "'", "\"", ";", "--", "/*", "*/", "\\", "\n", "\t", "DROP TABLE x;", "é", "日本", "🙂", " ", "%", "_", "$1", "?"
    };
    private final Random random;
    private final boolean sharedKeys;

    /** Records from {@code seed}; with {@code sharedKeys} natural keys repeat across records. */
    public RandomRecords(long seed, boolean sharedKeys) {
        this.random = new Random(seed);
        this.sharedKeys = sharedKeys;
    }

    /** A random string of valid text: no NUL, no unpaired surrogate; never blank. */
    public String text(int maxLength) {
        StringBuilder b = new StringBuilder();
        int parts = 1 + random.nextInt(4);
        for (int i = 0; i < parts && b.length() < maxLength; i++) {
            switch (random.nextInt(3)) {
                case 0 -> b.append(NASTY[random.nextInt(NASTY.length)]);
                case 1 -> b.append(Long.toString(random.nextLong() & Long.MAX_VALUE, 36));
                default -> {
                    int cp;
                    do {
                        cp = 1 + random.nextInt(0x10FFFF);
                    } while (cp >= 0xD800 && cp <= 0xDFFF);
                    b.appendCodePoint(cp);
                }
            }
        }
        String s = b.toString();
        return s.isBlank() ? "x" + s : s;
    }

    private String maybe(int maxLength) {
        return random.nextInt(4) == 0 ? null : text(maxLength);
    }

    private Long maybeCount() {
        return random.nextInt(4) == 0 ? null : (long) random.nextInt(1 << 30) * (random.nextBoolean() ? 1 : 4096);
    }

    private String key(String prefix, int pool) {
        return sharedKeys ? prefix + "-" + random.nextInt(pool) : prefix + "-" + UUID.randomUUID() + "-" + text(12);
    }

    /** An instant between year 1 and year 9999, or a recent one, in microseconds. */
    public Instant instant() {
        if (random.nextInt(5) == 0) {
            long min = Instant.parse("0001-01-01T00:00:00Z").getEpochSecond();
            long max = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();
            return Instant.ofEpochSecond(
                    min + (long) (random.nextDouble() * (max - min)), random.nextInt(1_000_000) * 1000L);
        }
        return Instant.parse("2026-01-01T00:00:00Z")
                .plus(random.nextInt(365 * 24 * 3600), ChronoUnit.SECONDS)
                .plus(random.nextInt(1_000_000), ChronoUnit.MICROS);
    }

    /** A random JSON object: strings, numbers, booleans, nulls, lists and nested objects. */
    public Map<String, Object> attributes() {
        Map<String, Object> m = new LinkedHashMap<>();
        int n = random.nextInt(4);
        for (int i = 0; i < n; i++) {
            m.put(text(10), value(2));
        }
        return m;
    }

    private Object value(int depth) {
        switch (random.nextInt(depth > 0 ? 8 : 6)) {
            case 0:
                return text(20);
            case 1:
                return random.nextInt();
            case 2:
                return random.nextLong();
            case 3:
                return random.nextDouble() * 1e6;
            case 4:
                return random.nextBoolean();
            case 5:
                return null;
            case 6: {
                List<Object> list = new ArrayList<>();
                for (int i = random.nextInt(3); i > 0; i--) {
                    list.add(value(depth - 1));
                }
                return list;
            }
            default: {
                Map<String, Object> m = new LinkedHashMap<>();
                for (int i = random.nextInt(3); i > 0; i--) {
                    m.put(text(8), value(depth - 1));
                }
                return m;
            }
        }
    }

    private AgentRef agent() {
        return random.nextInt(4) == 0 ? null : new AgentRef(key("agent", 5), maybe(10), sharedKeys ? null : maybe(16));
    }

    private TaskRef task() {
        return random.nextInt(4) == 0 ? null : new TaskRef(key("task", 20), maybe(40), maybe(10));
    }

    private String session() {
        return random.nextInt(5) == 0 ? null : key("session", 10);
    }

    /** One record of a random core type. */
    public FactRecord any() {
        return switch (random.nextInt(9)) {
            case 7 -> ingestRun();
            case 8 -> ingestError();
            case 0 -> toolCall();
            case 1 -> apiCall();
            case 2 -> decision();
            case 3 -> taskOutcome();
            case 4 -> sessionEvent();
            case 5 -> error();
            default -> fileModification();
        };
    }

    /** A random tool call. */
    public ToolCall toolCall() {
        boolean ok = random.nextBoolean();
        return new ToolCall(
                UUID.randomUUID(),
                instant(),
                random.nextInt(5) == 0 ? UUID.randomUUID() : null,
                session(),
                agent(),
                task(),
                key("tool", 15),
                random.nextBoolean() ? key("/src/file", 50) + ".java" : null,
                random.nextBoolean() ? "tool_call" : text(10),
                ok,
                ok ? null : maybe(20),
                maybeCount(),
                maybeCount(),
                maybeCount(),
                maybeCount(),
                maybeCount(),
                attributes());
    }

    /** A random API call. */
    public ApiCall apiCall() {
        boolean ok = random.nextBoolean();
        BigDecimal cost = random.nextBoolean() ? null : BigDecimal.valueOf(random.nextLong() & 0xFFFFFFFFFFL, 6);
        return new ApiCall(
                UUID.randomUUID(),
                instant(),
                null,
                session(),
                agent(),
                task(),
                key("model", 3),
                maybe(10),
                maybe(30),
                random.nextInt(1 << 20),
                random.nextInt(1 << 16),
                random.nextLong() & 0xFFFFFFFFL,
                random.nextInt(100_000),
                random.nextInt(100_000),
                cost,
                maybeCount(),
                ok,
                ok ? null : maybe(20),
                attributes());
    }

    /** A random decision. */
    public Decision decision() {
        List<String> alternatives = new ArrayList<>();
        for (int i = random.nextInt(4); i > 0; i--) {
            alternatives.add(text(20));
        }
        String[] outcomes = {"success", "failure", "unknown"};
        return new Decision(
                UUID.randomUUID(),
                instant(),
                null,
                session(),
                agent(),
                task(),
                text(15),
                maybe(16),
                text(30),
                alternatives,
                maybe(60),
                outcomes[random.nextInt(3)],
                random.nextBoolean(),
                attributes());
    }

    /** A random task outcome. */
    public TaskOutcome taskOutcome() {
        TaskRef task = new TaskRef(key("task", 20), maybe(40), maybe(10));
        return new TaskOutcome(
                UUID.randomUUID(),
                instant(),
                null,
                session(),
                agent(),
                task,
                random.nextBoolean(),
                random.nextBoolean() ? random.nextDouble() : null,
                maybeCount(),
                maybeCount(),
                maybeCount(),
                maybeCount(),
                text(10),
                attributes());
    }

    /** A random session event. */
    public SessionEvent sessionEvent() {
        return new SessionEvent(
                UUID.randomUUID(),
                instant(),
                null,
                key("session", 10),
                agent(),
                text(10),
                maybe(40),
                sharedKeys ? null : maybe(20),
                sharedKeys ? null : maybe(40),
                sharedKeys ? null : maybe(20),
                sharedKeys ? null : maybe(8),
                attributes());
    }

    /** A random error. */
    public ErrorEvent error() {
        String[] severities = {"debug", "info", "warning", "error", "critical"};
        return new ErrorEvent(
                UUID.randomUUID(),
                instant(),
                null,
                session(),
                agent(),
                task(),
                random.nextBoolean() ? key("tool", 15) : null,
                severities[random.nextInt(5)],
                text(15),
                random.nextBoolean() ? text(200) : null,
                attributes());
    }

    /** A random file modification. */
    public FileModification fileModification() {
        String[] types = {"create", "edit", "delete", "rename"};
        return new FileModification(
                UUID.randomUUID(),
                instant(),
                null,
                session(),
                agent(),
                task(),
                random.nextBoolean() ? key("tool", 15) : null,
                key("/src/file", 50) + ".py",
                types[random.nextInt(4)],
                maybeCount(),
                maybeCount(),
                maybeCount(),
                maybeCount(),
                maybe(100),
                attributes());
    }

    /** A random ingest run. */
    public IngestRun ingestRun() {
        long start = random.nextInt(1 << 30);
        return new IngestRun(
                UUID.randomUUID(),
                instant(),
                null,
                text(12),
                key("/home/u/.claude/projects/p", 30) + ".jsonl",
                start + random.nextInt(1 << 20),
                start,
                start + random.nextInt(1 << 10),
                maybe(16),
                random.nextInt(5000),
                random.nextInt(5000),
                random.nextInt(10),
                random.nextBoolean(),
                attributes());
    }

    /** A random ingest error. */
    public IngestError ingestError() {
        return new IngestError(
                UUID.randomUUID(),
                instant(),
                null,
                text(12),
                key("/tmp/f", 30),
                random.nextInt(100_000),
                random.nextInt(1 << 30),
                text(40),
                maybe(200),
                attributes());
    }
}
