package io.agentstore.memory.internal;

import io.agentstore.memory.MemoryDiff;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** The difference of two JSON objects as JSON Pointers: objects are compared member by member, other values whole. */
public final class JsonDiff {
    private JsonDiff() {}

    /** What changed from {@code before} to {@code after}. */
    public static MemoryDiff diff(Map<String, Object> before, Map<String, Object> after) {
        List<String> added = new ArrayList<>();
        List<String> removed = new ArrayList<>();
        List<String> changed = new ArrayList<>();
        walk("", before, after, added, removed, changed);
        return new MemoryDiff(added, removed, changed);
    }

    @SuppressWarnings("unchecked")
    private static void walk(
            String at,
            Map<String, Object> before,
            Map<String, Object> after,
            List<String> added,
            List<String> removed,
            List<String> changed) {
        for (Map.Entry<String, Object> e : before.entrySet()) {
            String pointer = at + "/" + escape(e.getKey());
            if (!after.containsKey(e.getKey())) {
                removed.add(pointer);
                continue;
            }
            Object b = e.getValue();
            Object a = after.get(e.getKey());
            if (b instanceof Map && a instanceof Map) {
                walk(pointer, (Map<String, Object>) b, (Map<String, Object>) a, added, removed, changed);
            } else if (!Objects.equals(b, a)) {
                changed.add(pointer);
            }
        }
        for (String key : after.keySet()) {
            if (!before.containsKey(key)) {
                added.add(at + "/" + escape(key));
            }
        }
    }

    /** RFC 6901: '~' is written '~0' and '/' is written '~1'. */
    static String escape(String key) {
        return key.replace("~", "~0").replace("/", "~1");
    }
}
