package io.agentstore.quality.internal;

import io.agentstore.quality.TestRun;
import io.agentstore.spi.EventIds;
import io.agentstore.spi.EventMapping;
import io.agentstore.spi.FactRecord;
import io.agentstore.spi.InvalidRecordException;
import io.agentstore.spi.SourceEvent;
import io.agentstore.spi.StoreContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Bash tool call that ran a test command (Maven, Gradle, pytest, Jest, Vitest, npm/yarn/pnpm test) becomes a
 * test run: the counts come from the summary the tool printed (Surefire's {@code Tests run:} line, pytest's
 * {@code 2 passed, 1 failed}, Jest's and Vitest's {@code Tests:} line, Gradle's {@code tests completed}); when
 * no summary is recognised the run is recorded with zero counts and {@code attributes.counts_known = false}, so
 * that a run that happened is never lost. The report files themselves are imported by {@code ingest tests}.
 */
public final class TestCommandMapping implements EventMapping<SourceEvent.ToolCall> {
    /** Where one shell command ends and the next begins. */
    private static final Pattern SEPARATORS = Pattern.compile("&&|\\|\\||[;|&\\n()`]|\\$\\(");
    /** Words before a command that leave it the same command. */
    private static final java.util.Set<String> WRAPPERS = java.util.Set.of(
            "time", "env", "sudo", "nice", "npx", "bunx", "exec", "command", "xvfb-run", "dotenv", "--");

    private static final Pattern ENV_ASSIGNMENT = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*=.*");
    private static final Pattern MAVEN_GOAL = Pattern.compile(
            "(?:[\\w.-]+:)*(test|verify|integration-test|install|package|surefire:test|failsafe:integration-test)");
    private static final Pattern GRADLE_TASK = Pattern.compile("(?:[\\w-]*:)*(test|check|build|[a-z]\\w*Test)");
    /** ANSI terminal escapes (colours in test output). */
    private static final Pattern ESCAPES = Pattern.compile("\u001B\\[[0-?]*[ -/]*[@-~]");

    private static final Pattern VITEST_OUTPUT = Pattern.compile("(?m)^\\s*(Test Files\\s|RUN\\s+v\\d)");
    private static final Pattern JEST_OUTPUT = Pattern.compile("(?m)^\\s*Test Suites:");
    private static final Pattern SUREFIRE_LINE =
            Pattern.compile("Tests run: (\\d+), Failures: (\\d+), Errors: (\\d+), Skipped: (\\d+)");
    private static final Pattern PYTEST_PART =
            Pattern.compile("(\\d+) (passed|failed|skipped|errors?|xfailed|xpassed)\\b");
    private static final Pattern JEST_LINE = Pattern.compile("(?m)^\\s*Tests:\\s+(.*\\d+ total)");
    private static final Pattern VITEST_LINE = Pattern.compile("(?m)^\\s*Tests\\s+(.*)\\((\\d+)\\)");
    private static final Pattern GRADLE_LINE =
            Pattern.compile("(\\d+) tests? completed(?:, (\\d+) failed)?(?:, (\\d+) skipped)?");
    private static final Pattern PART = Pattern.compile("(\\d+) (passed|failed|skipped|todo|pending)");

    @Override
    public List<? extends FactRecord> map(SourceEvent.ToolCall call, StoreContext context) {
        if (!"Bash".equals(call.toolName()) || !(call.input().get("command") instanceof String command)) {
            return List.of();
        }
        Optional<String> framework = framework(command, call.result());
        if (framework.isEmpty()) {
            return List.of();
        }
        String out = call.result() == null ? "" : strip(call.result());
        long[] c = counts(framework.get(), out);
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("command", command.length() > 500 ? command.substring(0, 500) : command);
        attributes.put("counts_known", c != null);
        if (call.envelope().cwd() != null) {
            attributes.put("cwd", call.envelope().cwd());
        }
        String name = framework.get();
        if (!TestRun.FRAMEWORKS.contains(name)) {
            // a package manager's test script whose output named no framework
            attributes.put("runner", name);
            name = "unknown";
        }
        long[] k = c != null ? c : new long[4];
        try {
            TestRun run = TestRun.builder()
                    .eventId(EventIds.of(call.source(), "quality-test-run", call.seed()))
                    .occurredAt(
                            call.occurredAt() != null
                                    ? call.occurredAt()
                                    : context.clock().instant())
                    .sessionId(call.sessionId())
                    .framework(name)
                    .counts(k[0], k[1], k[2], k[3])
                    .outcome(null, Boolean.TRUE.equals(call.isError()) ? 1L : null)
                    .attributes(attributes)
                    .build();
            return List.of(run);
        } catch (InvalidRecordException e) {
            // a mapping never stops the import that applies the event (the tool call itself is stored by core)
            return List.of();
        }
    }

    /**
     * The test framework a shell command ran, or empty when it ran none: each of its commands (split at
     * {@code &&}, {@code ||}, {@code ;}, pipes, subshells; quoted text removed) is looked at by its first word,
     * after environment assignments and wrappers such as {@code npx} or {@code timeout 60}. A package manager's
     * test script ({@code npm test}, {@code npm run test:unit}, {@code yarn test}) ran Vitest or Jest as its
     * output says, else {@code npm} (or {@code yarn}, {@code pnpm}, {@code bun}: recorded as framework
     * {@code unknown} with that runner).
     */
    public static Optional<String> framework(String command, String output) {
        String unquoted = unquote(command);
        for (String segment : SEPARATORS.split(unquoted)) {
            List<String> words = words(segment);
            if (words.isEmpty()) {
                continue;
            }
            String head = basename(words.get(0));
            List<String> rest = words.subList(1, words.size());
            switch (head) {
                case "mvn", "mvnw", "mvnd" -> {
                    if (rest.stream().anyMatch(w -> MAVEN_GOAL.matcher(w).matches())) {
                        return Optional.of("surefire");
                    }
                }
                case "gradle", "gradlew" -> {
                    if (rest.stream().anyMatch(w -> GRADLE_TASK.matcher(w).matches())) {
                        return Optional.of("gradle");
                    }
                }
                case "pytest", "py.test" -> {
                    return Optional.of("pytest");
                }
                case "python", "python3", "uv", "poetry", "pipenv", "hatch", "tox", "nox" -> {
                    if (rest.contains("pytest")) {
                        return Optional.of("pytest");
                    }
                }
                case "vitest" -> {
                    return Optional.of("vitest");
                }
                case "jest" -> {
                    return Optional.of("jest");
                }
                case "npm", "yarn", "pnpm", "bun" -> {
                    if (runsTestScript(head, rest)) {
                        String out = output == null ? "" : strip(output);
                        if (VITEST_OUTPUT.matcher(out).find()) {
                            return Optional.of("vitest");
                        }
                        if (JEST_OUTPUT.matcher(out).find()) {
                            return Optional.of("jest");
                        }
                        return Optional.of(head);
                    }
                    if (rest.contains("vitest")) {
                        return Optional.of("vitest");
                    }
                    if (rest.contains("jest")) {
                        return Optional.of("jest");
                    }
                }
                default -> {
                    // not a test command
                }
            }
        }
        return Optional.empty();
    }

    /**
     * The command with each quoted text ({@code '...'}, {@code "..."} with its backslash escapes) replaced by a
     * space: a test command's name inside a commit message or a PR body is no test command. Linear, whatever the
     * length.
     */
    private static String unquote(String command) {
        StringBuilder b = new StringBuilder(command.length());
        char quote = 0;
        for (int i = 0, n = command.length(); i < n; i++) {
            char c = command.charAt(i);
            if (quote == 0) {
                if (c == '\\' && i + 1 < n) {
                    i++;
                    b.append(' ');
                } else if (c == '\'' || c == '"') {
                    quote = c;
                    b.append(' ');
                } else {
                    b.append(c);
                }
            } else if (quote == '"' && c == '\\') {
                i++;
            } else if (c == quote) {
                quote = 0;
            }
        }
        return b.toString();
    }

    /** {@code npm test}, {@code npm t}, {@code npm run test:unit}, {@code yarn test}, {@code pnpm run test}. */
    private static boolean runsTestScript(String manager, List<String> args) {
        List<String> a = args.stream().filter(w -> !w.startsWith("-")).toList();
        if (a.isEmpty()) {
            return false;
        }
        String first = a.get(0);
        if (first.equals("run") || first.equals("run-script")) {
            return a.size() > 1 && isTestScript(a.get(1));
        }
        return first.equals("t") && manager.equals("npm")
                || first.equals("test")
                || !manager.equals("npm") && isTestScript(first);
    }

    private static boolean isTestScript(String name) {
        return name.equals("test") || name.startsWith("test:");
    }

    /** The words of one command, without leading environment assignments and wrappers. */
    private static List<String> words(String segment) {
        List<String> words = new java.util.ArrayList<>(List.of(segment.trim().split("\\s+")));
        words.removeIf(String::isEmpty);
        while (!words.isEmpty()) {
            String w = words.get(0);
            if (ENV_ASSIGNMENT.matcher(w).matches() || WRAPPERS.contains(w)) {
                words.remove(0);
            } else if (w.equals("timeout") || w.equals("-m")) {
                words.remove(0);
                if (!words.isEmpty() && words.get(0).matches("[0-9.]+[smhd]?")) {
                    words.remove(0);
                }
            } else {
                break;
            }
        }
        return words;
    }

    private static String basename(String word) {
        return word.substring(word.lastIndexOf('/') + 1);
    }

    /** The text without terminal escapes. */
    static String strip(String text) {
        return ESCAPES.matcher(text).replaceAll("");
    }

    /** passed, failed, errors, skipped from the summary the tool printed, or null when none is recognised. */
    static long[] counts(String framework, String out) {
        switch (framework) {
            case "surefire" -> {
                Matcher m = SUREFIRE_LINE.matcher(out);
                long[] last = null;
                while (m.find()) {
                    long total = Long.parseLong(m.group(1));
                    long failed = Long.parseLong(m.group(2));
                    long errors = Long.parseLong(m.group(3));
                    long skipped = Long.parseLong(m.group(4));
                    last = total >= failed + errors + skipped
                            ? new long[] {total - failed - errors - skipped, failed, errors, skipped}
                            : null;
                }
                return last;
            }
            case "pytest" -> {
                String[] lines = out.split("\n");
                for (int i = lines.length - 1; i >= 0; i--) {
                    if (lines[i].matches(".*\\d+ (passed|failed|skipped|errors?).* in [0-9.]+s.*")) {
                        long[] k = new long[4];
                        Matcher m = PYTEST_PART.matcher(lines[i]);
                        while (m.find()) {
                            long n = Long.parseLong(m.group(1));
                            switch (m.group(2)) {
                                case "passed", "xpassed" -> k[0] += n;
                                case "failed" -> k[1] += n;
                                case "error", "errors" -> k[2] += n;
                                default -> k[3] += n;
                            }
                        }
                        return k;
                    }
                }
                return null;
            }
            case "jest" -> {
                Matcher m = JEST_LINE.matcher(out);
                return m.find() ? parts(m.group(1)) : null;
            }
            case "vitest" -> {
                Matcher m = VITEST_LINE.matcher(out);
                return m.find() ? parts(m.group(1)) : null;
            }
            case "gradle" -> {
                Matcher m = GRADLE_LINE.matcher(out);
                if (!m.find()) {
                    return null;
                }
                long total = Long.parseLong(m.group(1));
                long failed = m.group(2) == null ? 0 : Long.parseLong(m.group(2));
                long skipped = m.group(3) == null ? 0 : Long.parseLong(m.group(3));
                return total >= failed + skipped ? new long[] {total - failed - skipped, failed, 0, skipped} : null;
            }
            default -> {
                return null;
            }
        }
    }

    private static long[] parts(String text) {
        long[] k = new long[4];
        Matcher m = PART.matcher(text);
        while (m.find()) {
            long n = Long.parseLong(m.group(1));
            switch (m.group(2)) {
                case "passed" -> k[0] += n;
                case "failed" -> k[1] += n;
                default -> k[3] += n;
            }
        }
        return k;
    }
}
