package io.agentstore.memory.internal;

import io.agentstore.memory.MemoryType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The compaction strategies of the original, one per memory type, as pure functions of a JSON document
 * (the input is never modified). What each recognises is written in the module README.
 */
public final class Compactor {
    /** How many changes the context memory keeps besides its milestones. */
    public static final int CONTEXT_CHANGES_KEPT = 10;
    /** Files of the structure memory with this many lines or fewer are dropped. */
    public static final int STRUCTURE_MIN_LINES = 100;

    private static final Set<String> DONE = Set.of("done", "completed", "complete", "resolved", "fixed", "closed");
    private static final Pattern DONE_TEXT = Pattern.compile(
            "(?i)^\\s*(\\[x]|✓|✔|✅|~~|(done|completed|resolved|fixed)\\s*[:\\-]|[(\\[](done|completed|resolved|fixed)[)\\]])"
                    + "|[(\\[](done|completed|resolved|fixed)[)\\]]\\s*$");
    private static final Pattern MILESTONE_TEXT = Pattern.compile("(?i)^\\s*milestone\\s*[:\\-]|\\[milestone]");
    private static final Pattern VERSION = Pattern.compile("[\\^~<>=v]*\\d+(\\.[0-9A-Za-z*+-]+)*([-+][0-9A-Za-z.]+)?");
    private static final Pattern AT_VERSION = Pattern.compile("^(@?[^@\\s]+)@\\S+$");
    private static final Pattern OPERATOR_VERSION =
            Pattern.compile("^([^=<>~!^\\s]+)\\s*(===|==|>=|<=|~=|!=|>|<|\\^|~)\\s*\\S+$");
    private static final Pattern SPACE_VERSION = Pattern.compile("^(.+?)\\s+" + VERSION.pattern() + "$");
    private static final Pattern MAVEN_VERSION = Pattern.compile("^([^:\\s]+:[^:\\s]+):" + VERSION.pattern() + "$");
    private static final List<String> DATE_KEYS =
            List.of("measured_at", "recorded_at", "checked_at", "timestamp", "date", "at");

    private Compactor() {}

    /** The compacted document; equal to {@code doc} for types without a strategy or when nothing applies. */
    public static Map<String, Object> compact(MemoryType type, Map<String, Object> doc) {
        return switch (type) {
            case STRUCTURE -> structure(doc);
            case CONTEXT -> context(doc);
            case DEPENDENCIES -> dependencies(doc);
            case PATTERNS -> patterns(doc);
            case QUALITY -> quality(doc);
            case KNOWLEDGE -> knowledge(doc);
            case OPERATIONS, DOMAIN -> doc;
        };
    }

    /** structure: in {@code file_tree} and {@code files}, drop files whose {@code lines} is 100 or fewer. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> structure(Map<String, Object> doc) {
        Map<String, Object> out = new LinkedHashMap<>(doc);
        for (String key : List.of("file_tree", "files")) {
            Object tree = doc.get(key);
            if (tree instanceof Map<?, ?> map) {
                Map<String, Object> kept = new LinkedHashMap<>();
                ((Map<String, Object>) map).forEach((path, info) -> {
                    if (!isSmallFile(info)) {
                        kept.put(path, info);
                    }
                });
                out.put(key, kept);
            } else if (tree instanceof List<?> list) {
                out.put(key, list.stream().filter(i -> !isSmallFile(i)).toList());
            }
        }
        return out;
    }

    private static boolean isSmallFile(Object info) {
        return info instanceof Map<?, ?> m
                && m.get("lines") instanceof Number n
                && n.doubleValue() <= STRUCTURE_MIN_LINES;
    }

    /** context: every top-level list except {@code milestones} keeps its last 10 items and its milestones. */
    static Map<String, Object> context(Map<String, Object> doc) {
        Map<String, Object> out = new LinkedHashMap<>(doc);
        doc.forEach((key, value) -> {
            if (value instanceof List<?> list && !key.equals("milestones") && list.size() > CONTEXT_CHANGES_KEPT) {
                List<Object> kept = new ArrayList<>();
                int firstRecent = list.size() - CONTEXT_CHANGES_KEPT;
                for (int i = 0; i < list.size(); i++) {
                    if (i >= firstRecent || isMilestone(list.get(i))) {
                        kept.add(list.get(i));
                    }
                }
                out.put(key, kept);
            }
        });
        return out;
    }

    private static boolean isMilestone(Object item) {
        if (item instanceof Map<?, ?> m) {
            return Boolean.TRUE.equals(m.get("milestone"))
                    || "milestone".equalsIgnoreCase(String.valueOf(m.get("type")))
                    || "milestone".equalsIgnoreCase(String.valueOf(m.get("kind")));
        }
        return item instanceof String s && MILESTONE_TEXT.matcher(s).find();
    }

    /**
     * dependencies: everywhere in the document, list items lose their version ({@code pkg@1.2}, {@code pkg==1.2},
     * {@code pkg ^1.2}, {@code group:artifact:1.2}, {@code pkg 1.2}), {@code version} members are dropped,
     * and objects mapping names to versions become lists of the names. Duplicates left behind are removed.
     */
    static Map<String, Object> dependencies(Map<String, Object> doc) {
        @SuppressWarnings("unchecked")
        Map<String, Object> out = (Map<String, Object>) withoutVersions(doc);
        return out;
    }

    private static Object withoutVersions(Object value) {
        if (value instanceof Map<?, ?> map) {
            if (!map.isEmpty()
                    && map.values().stream()
                            .allMatch(v ->
                                    v instanceof String s && VERSION.matcher(s).matches())) {
                return new ArrayList<Object>(map.keySet());
            }
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> {
                if (!k.equals("version") && !k.equals("versions")) {
                    out.put((String) k, withoutVersions(v));
                }
            });
            return out;
        }
        if (value instanceof List<?> list) {
            Set<Object> kept = new LinkedHashSet<>();
            for (Object item : list) {
                kept.add(item instanceof String s ? stripVersion(s) : withoutVersions(item));
            }
            return new ArrayList<>(kept);
        }
        return value;
    }

    /** A dependency name without its version. */
    static String stripVersion(String s) {
        for (Pattern p : List.of(AT_VERSION, MAVEN_VERSION, OPERATOR_VERSION, SPACE_VERSION)) {
            Matcher m = p.matcher(s.trim());
            if (m.matches() && !m.group(1).isBlank()) {
                return m.group(1);
            }
        }
        return s;
    }

    /**
     * patterns: items of {@code anti_patterns_found} and {@code anti_patterns} that are resolved are dropped
     * (objects with {@code resolved: true} or a done {@code status}; texts marked {@code [x]}, {@code ✓},
     * {@code resolved:}, {@code (fixed)}, ...), and {@code resolved_anti_patterns} is removed.
     */
    static Map<String, Object> patterns(Map<String, Object> doc) {
        Map<String, Object> out = new LinkedHashMap<>(doc);
        out.remove("resolved_anti_patterns");
        for (String key : List.of("anti_patterns_found", "anti_patterns")) {
            if (doc.get(key) instanceof List<?> list) {
                out.put(key, list.stream().filter(i -> !isDone(i, "resolved")).toList());
            }
        }
        return out;
    }

    /** knowledge: items of {@code todos} (or {@code todo}) that are completed are dropped. */
    static Map<String, Object> knowledge(Map<String, Object> doc) {
        Map<String, Object> out = new LinkedHashMap<>(doc);
        for (String key : List.of("todos", "todo")) {
            if (doc.get(key) instanceof List<?> list) {
                out.put(key, list.stream().filter(i -> !isDone(i, "completed")).toList());
            }
        }
        return out;
    }

    private static boolean isDone(Object item, String flag) {
        if (item instanceof Map<?, ?> m) {
            return Boolean.TRUE.equals(m.get(flag))
                    || Boolean.TRUE.equals(m.get("done"))
                    || Boolean.TRUE.equals(m.get("completed"))
                    || Boolean.TRUE.equals(m.get("resolved"))
                    || (m.get("status") instanceof String s
                            && DONE.contains(s.trim().toLowerCase(Locale.ROOT)));
        }
        return item instanceof String s && DONE_TEXT.matcher(s).find();
    }

    /**
     * quality: every list of objects (at any depth) keeps only its latest object: the one with the greatest
     * {@code measured_at}, {@code recorded_at}, {@code checked_at}, {@code timestamp}, {@code date} or {@code at}
     * (ISO texts compare in time order), else the last one.
     */
    @SuppressWarnings("unchecked")
    static Map<String, Object> quality(Map<String, Object> doc) {
        return (Map<String, Object>) latestOnly(doc);
    }

    private static Object latestOnly(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put((String) k, latestOnly(v)));
            return out;
        }
        if (value instanceof List<?> list) {
            if (list.size() > 1 && list.stream().allMatch(i -> i instanceof Map)) {
                Object latest = list.get(list.size() - 1);
                String latestDate = dateOf(latest);
                for (Object item : list) {
                    String d = dateOf(item);
                    if (d != null && (latestDate == null || d.compareTo(latestDate) > 0)) {
                        latest = item;
                        latestDate = d;
                    }
                }
                return List.of(latestOnly(latest));
            }
            return list.stream().map(Compactor::latestOnly).toList();
        }
        return value;
    }

    private static String dateOf(Object item) {
        if (item instanceof Map<?, ?> m) {
            for (String key : DATE_KEYS) {
                if (m.get(key) instanceof String s) {
                    return s;
                }
            }
        }
        return null;
    }
}
