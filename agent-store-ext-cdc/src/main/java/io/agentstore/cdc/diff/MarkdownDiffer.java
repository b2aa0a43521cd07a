package io.agentstore.cdc.diff;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Diffs two Markdown documents with the {@code markdown.*} rules. Sections are the ATX headings, named by their
 * path ({@code Install > Maven}); the text before the first heading is the section {@code (preamble)}. API names
 * are what code blocks (fenced or indented by a tab or four spaces) and inline code spans call or qualify:
 * a name followed by {@code (}, a dotted or {@code ::}-qualified name, or a {@code --flag}. API names are
 * compared over the whole document (moving code between sections breaks nobody).
 */
public final class MarkdownDiffer implements Differ {
    private static final Pattern HEADING = Pattern.compile("^(#{1,6})\\s+(.*?)\\s*#*\\s*$");
    private static final Pattern FENCE = Pattern.compile("^\\s{0,3}(```|~~~)");
    private static final Pattern INLINE_CODE = Pattern.compile("`([^`\\n]+)`");
    private static final Pattern API_NAME = Pattern.compile("--[A-Za-z][A-Za-z0-9-]+"
            + "|[A-Za-z_$][A-Za-z0-9_$]*(?:(?:\\.|::)[A-Za-z_$][A-Za-z0-9_$]*)+(?=\\s*\\()?"
            + "|[A-Za-z_$][A-Za-z0-9_$]*(?=\\s*\\()");

    /** A differ; it holds no state. */
    public MarkdownDiffer() {}

    @Override
    public String id() {
        return "markdown";
    }

    private static final class Section {
        final StringBuilder prose = new StringBuilder();
        final StringBuilder code = new StringBuilder();
    }

    @Override
    public List<DetectedChange> diff(String oldText, String newText) {
        if (oldText == null || newText == null) {
            throw new IllegalArgumentException("a Markdown document is missing");
        }
        Map<String, Section> a = sections(oldText);
        Map<String, Section> b = sections(newText);
        Set<String> namesA = apiNames(a);
        Set<String> namesB = apiNames(b);
        List<DetectedChange> out = new ArrayList<>();
        a.forEach((heading, s) -> {
            Section t = b.get(heading);
            if (t == null) {
                emit(out, "section_removed", heading, "section '" + heading + "' was removed");
                return;
            }
            if (!normalize(s.prose).equals(normalize(t.prose))) {
                emit(out, "prose_changed", heading, "the prose of section '" + heading + "' changed");
            }
            if (!normalize(s.code).equals(normalize(t.code)) && namesB.containsAll(names(s.code))) {
                emit(out, "code_changed", heading, "a code block of section '" + heading + "' changed");
            }
        });
        b.keySet().stream()
                .filter(h -> !a.containsKey(h))
                .forEach(h -> emit(out, "section_added", h, "section '" + h + "' was added"));
        namesA.stream()
                .filter(n -> !namesB.contains(n))
                .forEach(n -> emit(out, "api_name_removed", n, "API name " + n + " no longer appears in the code"));
        namesB.stream()
                .filter(n -> !namesA.contains(n))
                .forEach(n -> emit(out, "api_name_added", n, "API name " + n + " now appears in the code"));
        return List.copyOf(out);
    }

    private static void emit(List<DetectedChange> out, String kind, String subject, String summary) {
        out.add(new DetectedChange(Rules.get("markdown." + kind), subject, null, null, null, summary));
    }

    private static String normalize(CharSequence text) {
        return text.toString().replaceAll("\\s+", " ").strip();
    }

    private static Map<String, Section> sections(String text) {
        Map<String, Section> sections = new LinkedHashMap<>();
        List<String> path = new ArrayList<>();
        List<Integer> levels = new ArrayList<>();
        Section current = sections.computeIfAbsent("(preamble)", k -> new Section());
        boolean inFence = false;
        for (String line : text.split("\\R", -1)) {
            if (FENCE.matcher(line).find()) {
                inFence = !inFence;
                continue;
            }
            if (inFence || line.startsWith("    ") || line.startsWith("\t")) {
                current.code.append(line).append('\n');
                continue;
            }
            Matcher h = HEADING.matcher(line);
            if (h.matches()) {
                int level = h.group(1).length();
                while (!levels.isEmpty() && levels.get(levels.size() - 1) >= level) {
                    levels.remove(levels.size() - 1);
                    path.remove(path.size() - 1);
                }
                levels.add(level);
                path.add(h.group(2));
                current = sections.computeIfAbsent(String.join(" > ", path), k -> new Section());
                continue;
            }
            current.prose.append(line).append('\n');
            Matcher m = INLINE_CODE.matcher(line);
            while (m.find()) {
                current.code.append(m.group(1)).append('\n');
            }
        }
        if (sections.get("(preamble)").prose.toString().isBlank()
                && sections.get("(preamble)").code.length() == 0) {
            sections.remove("(preamble)");
        }
        return sections;
    }

    private static Set<String> apiNames(Map<String, Section> sections) {
        Set<String> names = new LinkedHashSet<>();
        sections.values().forEach(s -> names.addAll(names(s.code)));
        return names;
    }

    private static Set<String> names(CharSequence code) {
        Set<String> names = new LinkedHashSet<>();
        Matcher m = API_NAME.matcher(code);
        while (m.find()) {
            names.add(m.group());
        }
        return names;
    }
}
