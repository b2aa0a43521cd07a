package io.agentstore.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The dangerous-operation rules a {@code PreToolUse} hook applies before it opens anything: {@code hook-rules.json}
 * beside the database when present, else the bundled defaults ({@code rm -rf /}, force-push to main, {@code DROP
 * DATABASE}, {@code chmod -R 777 /}, {@code mkfs}, {@code dd} onto a disk, a fork bomb).
 */
public final class DangerRules {
    /** The rules file beside the database. */
    public static final String FILE_NAME = "hook-rules.json";

    private static final String DEFAULTS = "default-hook-rules.json";

    private final List<Rule> rules;

    /**
     * One rule.
     *
     * @param id       a short name
     * @param tools    the tool names it applies to ({@code *} for all)
     * @param field    the tool input field matched
     * @param patterns the expressions that must all find a match
     * @param reason   why it is denied, shown to the agent
     */
    public record Rule(String id, List<String> tools, String field, List<Pattern> patterns, String reason) {
        /** Copies the lists. */
        public Rule {
            tools = List.copyOf(tools);
            patterns = List.copyOf(patterns);
        }

        boolean matches(String tool, JsonNode input) {
            if (!tools.contains("*") && !tools.contains(tool)) {
                return false;
            }
            JsonNode v = input == null ? null : input.get(field);
            if (v == null || !v.isTextual()) {
                return false;
            }
            String text = v.asText();
            return patterns.stream().allMatch(p -> p.matcher(text).find());
        }
    }

    private DangerRules(List<Rule> rules) {
        this.rules = List.copyOf(rules);
    }

    /** The rules file beside the database when present, else the bundled defaults. */
    public static DangerRules besideDatabase(Path database) {
        Path file = database.resolveSibling(FILE_NAME);
        if (Files.isRegularFile(file)) {
            try (InputStream in = Files.newInputStream(file)) {
                return parse(in, file.toString());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file, e);
            }
        }
        return defaults();
    }

    /** The bundled defaults. */
    public static DangerRules defaults() {
        try (InputStream in = DangerRules.class.getResourceAsStream(DEFAULTS)) {
            return parse(Objects.requireNonNull(in, DEFAULTS + " is missing from the jar"), DEFAULTS);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + DEFAULTS, e);
        }
    }

    /**
     * Parses a rules file.
     *
     * @throws IllegalArgumentException naming the rule and field that is wrong
     */
    static DangerRules parse(InputStream in, String source) throws IOException {
        JsonNode root = Jsons.MAPPER.readTree(in);
        JsonNode list = root == null ? null : root.get("rules");
        if (list == null || !list.isArray()) {
            throw new IllegalArgumentException(source + ": expected an object with a \"rules\" array");
        }
        List<Rule> rules = new ArrayList<>();
        int i = 0;
        for (JsonNode r : list) {
            String where = source + ": rules[" + i++ + "]";
            String id = text(r, "id", where);
            List<String> tools = new ArrayList<>();
            r.path("tools").forEach(t -> tools.add(t.asText()));
            if (tools.isEmpty()) {
                tools.add("Bash");
            }
            List<Pattern> patterns = new ArrayList<>();
            for (JsonNode p : r.path("patterns")) {
                try {
                    patterns.add(Pattern.compile(p.asText()));
                } catch (PatternSyntaxException e) {
                    throw new IllegalArgumentException(where + " (" + id + "): pattern '" + p.asText() + "' is not a"
                            + " regular expression: " + e.getDescription());
                }
            }
            if (patterns.isEmpty()) {
                throw new IllegalArgumentException(
                        where + " (" + id + "): \"patterns\" must list at least one expression");
            }
            rules.add(new Rule(id, tools, r.path("field").asText("command"), patterns, text(r, "reason", where)));
        }
        return new DangerRules(rules);
    }

    private static String text(JsonNode r, String field, String where) {
        JsonNode v = r.get(field);
        if (v == null || !v.isTextual() || v.asText().isBlank()) {
            throw new IllegalArgumentException(where + ": \"" + field + "\" is required");
        }
        return v.asText();
    }

    /** The first rule that denies this tool call, if any. */
    public Optional<Rule> match(String tool, JsonNode input) {
        return rules.stream().filter(r -> r.matches(tool, input)).findFirst();
    }

    /** The rules, in order. */
    public List<Rule> rules() {
        return rules;
    }
}
