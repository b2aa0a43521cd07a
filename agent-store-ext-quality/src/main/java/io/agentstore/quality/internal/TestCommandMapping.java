package io.agentstore.quality.internal;

import io.agentstore.quality.TestRun;
import io.agentstore.spi.EventIds;
import io.agentstore.spi.EventMapping;
import io.agentstore.spi.FactRecord;
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
    private static final Pattern MAVEN =
            Pattern.compile("(^|[\\s/;&|(])(mvn|mvnw)\\b.*\\b(test|verify|integration-test|install|package)\\b");
    private static final Pattern GRADLE = Pattern.compile("(^|[\\s/;&|(])gradlew?\\b.*\\b(test|check|build)\\b");
    private static final Pattern PYTEST = Pattern.compile("\\bpytest\\b");
    private static final Pattern VITEST = Pattern.compile("\\bvitest\\b");
    private static final Pattern JEST = Pattern.compile("\\bjest\\b|\\b(npm|yarn|pnpm)( run)? test\\b");
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
        Optional<String> framework = framework(command);
        if (framework.isEmpty()) {
            return List.of();
        }
        String out = call.result() == null ? "" : call.result();
        long[] c = counts(framework.get(), out);
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("command", command.length() > 500 ? command.substring(0, 500) : command);
        attributes.put("counts_known", c != null);
        if (call.envelope().cwd() != null) {
            attributes.put("cwd", call.envelope().cwd());
        }
        long[] k = c != null ? c : new long[4];
        TestRun run = TestRun.builder()
                .eventId(EventIds.of(call.source(), "quality-test-run", call.seed()))
                .occurredAt(call.occurredAt())
                .sessionId(call.sessionId())
                .framework(framework.get())
                .counts(k[0], k[1], k[2], k[3])
                .outcome(null, Boolean.TRUE.equals(call.isError()) ? 1L : null)
                .attributes(attributes)
                .build();
        return List.of(run);
    }

    static Optional<String> framework(String command) {
        if (MAVEN.matcher(command).find()) {
            return Optional.of("surefire");
        }
        if (GRADLE.matcher(command).find()) {
            return Optional.of("gradle");
        }
        if (PYTEST.matcher(command).find()) {
            return Optional.of("pytest");
        }
        if (VITEST.matcher(command).find()) {
            return Optional.of("vitest");
        }
        if (JEST.matcher(command).find()) {
            return Optional.of("jest");
        }
        return Optional.empty();
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
