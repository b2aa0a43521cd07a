package io.agentstore.agents;

import io.agentstore.core.AgentRef;
import io.agentstore.spi.FactRecord;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import java.util.UUID;

/**
 * Seeded random records of every fact type of the agents module, for the contract kit's round trip: seed
 * {@code s} gives a record of type {@code s % 13}, so seeds 0..12 cover every fact table. Natural keys (work ids,
 * agent, capability, skill and session names, file paths, intent hashes) are unique per seed, so no dimension
 * row is shared by two records with different attributes. Free texts are space-separated words and punctuation
 * (quotes, SQL comment markers, backslashes, non-ASCII), never long runs of letters or digits, so the redaction
 * of free text on write finds no secret in them.
 */
final class RandomAgentsRecords {
    /** The number of fact types the agents module registers. */
    static final int TYPES = 14;

    private static final String LETTERS = "abcdefghijklmnopqrstuvwxyzéüñçøß";
    private static final String[] SPECIAL = {
        "'",
        "\"",
        ";",
        "--",
        "/*",
        "*/",
        ",",
        ".",
        "!",
        "?",
        "(",
        ")",
        "%",
        "\\",
        "&",
        "_",
        "漢字",
        "日本語",
        "Ωμέγα",
        "🙂",
        "naïve",
        "O'Brien",
        "\"quoted\"",
        "it's"
    };

    private final Random random;
    private final String unique;

    RandomAgentsRecords(long seed) {
        this.random = new Random(seed);
        this.unique = Long.toString(seed, 36) + "-" + Long.toString(random.nextLong() & 0xFFFFFFL, 36);
    }

    /** The record of the type {@code seed % 13}, with its event id and occurred-at instant set. */
    FactRecord any(long seed) {
        UUID id = uuid();
        Instant at = instant();
        return switch ((int) Math.floorMod(seed, (long) TYPES)) {
            case 0 ->
                new WorkStatus(
                        id,
                        at,
                        null,
                        work(),
                        maybeSession(""),
                        maybeAgent(""),
                        oneOf(WorkItem.STATUSES),
                        maybeText(),
                        attrs());
            case 1 ->
                new AgentCapability(
                        id,
                        at,
                        null,
                        agent(""),
                        "capability-" + unique,
                        maybeText(),
                        random.nextInt(5) == 0 ? (double) random.nextInt(2) : random.nextDouble(),
                        attrs());
            case 2 ->
                new WorkAssignment(
                        id,
                        at,
                        null,
                        uuid(),
                        work(),
                        agent(""),
                        maybeSession(""),
                        oneOf(WorkAssignment.STATUSES),
                        maybeInstant(),
                        maybeText(),
                        attrs());
            case 3 ->
                new Handoff(
                        id,
                        at,
                        null,
                        maybeSession(""),
                        agent("-from"),
                        agent("-to"),
                        random.nextBoolean() ? work() : null,
                        oneOf(Handoff.REASONS),
                        maybeText(),
                        attrs());
            case 4 -> {
                boolean resolved = random.nextBoolean();
                yield new Conflict(
                        id,
                        at,
                        null,
                        uuid(),
                        random.nextBoolean() ? work() : null,
                        random.nextBoolean() ? path() : null,
                        maybeAgent("-1"),
                        maybeAgent("-2"),
                        maybeSession("-1"),
                        maybeSession("-2"),
                        oneOf(Conflict.TYPES),
                        maybeInstant(),
                        maybeInstant(),
                        resolved ? oneOf(Conflict.RESOLUTIONS) : null,
                        resolved ? instant() : null,
                        attrs());
            }
            case 5 ->
                new Flag(
                        id,
                        at,
                        null,
                        maybeSession(""),
                        maybeAgent(""),
                        oneOf(Flag.TYPES),
                        random.nextBoolean() ? "module-" + word() : null,
                        words(1),
                        text(),
                        maybeText(),
                        oneOf(Flag.IMPACT_LEVELS),
                        paths(),
                        random.nextBoolean() ? path() + ":" + random.nextInt(5000) : null,
                        maybeText(),
                        attrs(),
                        maybeText(),
                        attrs());
            case 6 ->
                new FlagStatus(
                        id,
                        at,
                        null,
                        uuid(),
                        random.nextBoolean() ? "module-" + word() : null,
                        maybeAgent(""),
                        oneOf(Flag.STATUSES),
                        maybeText(),
                        attrs());
            case 7 ->
                new Todo(
                        id,
                        at,
                        null,
                        random.nextBoolean() ? id : uuid(),
                        random.nextBoolean() ? uuid() : null,
                        maybeSession(""),
                        maybeAgent(""),
                        text(),
                        random.nextBoolean() ? oneOf(Todo.PRIORITIES) : null,
                        random.nextBoolean() ? oneOf(Todo.CATEGORIES) : null,
                        random.nextBoolean() ? "module-" + word() : null,
                        random.nextBoolean() ? (long) random.nextInt(1_000) : null,
                        maybeInstant(),
                        maybeInstant(),
                        maybeInstant(),
                        random.nextBoolean() ? random.nextInt(4_000) / 4.0 : null,
                        words(0),
                        paths(),
                        random.nextBoolean() ? oneOf(Todo.CREATORS) : null,
                        random.nextBoolean(),
                        random.nextBoolean(),
                        attrs(),
                        attrs());
            case 8 ->
                new TodoStatus(
                        id,
                        at,
                        null,
                        uuid(),
                        maybeAgent(""),
                        oneOf(Todo.STATUSES),
                        random.nextBoolean() ? random.nextDouble() * 1_000 : null,
                        maybeText(),
                        attrs());
            case 9 -> new TodoDependency(id, at, null, uuid(), uuid(), random.nextBoolean(), attrs());
            case 10 ->
                new TodoAssignment(
                        id,
                        at,
                        null,
                        uuid(),
                        maybeAgent("-assignee"),
                        maybeAgent("-delegator"),
                        random.nextBoolean() ? oneOf(List.of("manual", "Task tool", "rule")) : null,
                        attrs());
            case 11 ->
                new SkillInvocation(
                        id,
                        at,
                        null,
                        maybeSession(""),
                        maybeAgent(""),
                        "skill-" + unique,
                        random.nextBoolean() ? ".claude/skills/" + unique + "/SKILL.md" : null,
                        oneOf(SkillInvocation.INVOKERS),
                        maybeInstant(),
                        random.nextBoolean() ? random.nextBoolean() : null,
                        random.nextBoolean() ? (long) random.nextInt(500) : null,
                        maybeText(),
                        attrs());
            case 12 -> {
                Boolean suggested = random.nextBoolean() ? random.nextBoolean() : null;
                yield new TeammateIdle(
                        id,
                        at,
                        null,
                        maybeSession(""),
                        io.agentstore.core.AgentRef.of("mate-" + unique, random.nextBoolean() ? "teammate" : null),
                        maybeText(),
                        suggested,
                        Boolean.TRUE.equals(suggested) ? List.of("w-" + unique, "w2-" + unique) : List.of(),
                        attrs());
            }
            default -> {
                boolean achieved = random.nextBoolean();
                yield new SessionIntent(
                        id,
                        at,
                        null,
                        maybeSession(""),
                        maybeAgent(""),
                        hash(),
                        random.nextBoolean() ? oneOf(SessionIntent.CATEGORIES) : null,
                        maybeText(),
                        random.nextBoolean() ? achieved : null,
                        achieved && random.nextBoolean() ? instant() : null,
                        attrs());
            }
        };
    }

    private UUID uuid() {
        return new UUID(random.nextLong(), random.nextLong());
    }

    /** An instant between 1900 and 2200, in whole microseconds. */
    private Instant instant() {
        long seconds = Instant.parse("1900-01-01T00:00:00Z").getEpochSecond()
                + (long) (random.nextDouble() * 300L * 365 * 86_400);
        return Instant.ofEpochSecond(seconds, random.nextInt(1_000_000_000)).truncatedTo(ChronoUnit.MICROS);
    }

    private Instant maybeInstant() {
        return random.nextBoolean() ? instant() : null;
    }

    /** An element of {@code values}, chosen in their sorted order (Set.of iterates differently per JVM run). */
    private String oneOf(Collection<String> values) {
        List<String> sorted = new ArrayList<>(new TreeSet<>(values));
        return sorted.get(random.nextInt(sorted.size()));
    }

    /** One to eight lower-case letters. */
    private String word() {
        StringBuilder b = new StringBuilder();
        for (int i = 1 + random.nextInt(8); i > 0; i--) {
            b.append(LETTERS.charAt(random.nextInt(LETTERS.length())));
        }
        return b.toString();
    }

    /** One to twelve words and punctuation marks, separated by single spaces. */
    private String text() {
        List<String> parts = new ArrayList<>();
        for (int i = 1 + random.nextInt(12); i > 0; i--) {
            int kind = random.nextInt(4);
            String w = kind == 0 ? SPECIAL[random.nextInt(SPECIAL.length)] : word();
            parts.add(kind == 1 ? Character.toUpperCase(w.charAt(0)) + w.substring(1) : w);
        }
        return String.join(" ", parts);
    }

    private String maybeText() {
        return random.nextInt(3) == 0 ? null : text();
    }

    private List<String> words(int atLeast) {
        List<String> list = new ArrayList<>();
        for (int i = atLeast + random.nextInt(3); i > 0; i--) {
            list.add(random.nextBoolean() ? word() : text());
        }
        return list;
    }

    private String path() {
        return "src/" + unique + "/" + word() + (random.nextBoolean() ? ".java" : ".md");
    }

    private List<String> paths() {
        List<String> list = new ArrayList<>();
        for (int i = random.nextInt(3); i > 0; i--) {
            list.add(path());
        }
        return list;
    }

    private String hash() {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 64; i++) {
            b.append(Character.forDigit(random.nextInt(16), 16));
        }
        return b.toString();
    }

    private WorkItem work() {
        return new WorkItem(
                "work-" + unique,
                random.nextBoolean() ? oneOf(List.of("file_edit", "research", "review")) : null,
                random.nextBoolean() ? path() : null,
                maybeText());
    }

    /** An agent named after the seed and {@code suffix}, so two agents of one record never share a name. */
    private AgentRef agent(String suffix) {
        return new AgentRef(
                "agent-" + unique + suffix,
                random.nextBoolean() ? oneOf(List.of("main", "subagent", "team_member")) : null,
                random.nextBoolean() ? "prompt-" + unique : null);
    }

    private AgentRef maybeAgent(String suffix) {
        return random.nextBoolean() ? agent(suffix) : null;
    }

    private String maybeSession(String suffix) {
        return random.nextBoolean() ? "session-" + unique + suffix : null;
    }

    /** Zero to three entries of strings and ints. */
    private Map<String, Object> attrs() {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = random.nextInt(4); i > 0; i--) {
            m.put(word(), random.nextBoolean() ? text() : (Object) random.nextInt(100_000));
        }
        return m;
    }
}
