package io.agentstore.cdc.check;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Checks git repositories by running {@code git} as a process. A local repository (a path): the commit of
 * {@code HEAD} ({@code git rev-parse HEAD}) and, when it moved, the files between the two commits
 * ({@code git diff --name-status --no-renames -z}). A remote ({@code https://}, {@code ssh://}, {@code git@}, {@code file://}): the
 * commit its {@code HEAD} advertises ({@code git ls-remote}), without files. Each process is bounded by the
 * timeout and killed when it overruns; credentials are never passed (git's own helpers may answer, none are stored).
 */
public final class GitChecker implements Checker {
    private final String git;
    private final Duration timeout;

    private GitChecker(String git, Duration timeout) {
        this.git = git;
        this.timeout = timeout;
    }

    /**
     * A checker running {@code git} from the PATH, each process bounded by {@code timeout}.
     *
     * @throws IllegalArgumentException when the timeout is not positive
     */
    public static GitChecker withTimeout(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout must not be null");
        if (timeout.isZero() || timeout.isNegative()) {
            throw new IllegalArgumentException("timeout must be positive, got " + timeout);
        }
        return new GitChecker("git", timeout);
    }

    @Override
    public String id() {
        return "git";
    }

    @Override
    public boolean accepts(String sourceType, String location) {
        return sourceType.equals("git");
    }

    private static boolean remote(String location) {
        String l = location.toLowerCase(Locale.ROOT);
        return l.startsWith("https://")
                || l.startsWith("http://")
                || l.startsWith("ssh://")
                || l.startsWith("git@")
                || l.startsWith("file://")
                || l.startsWith("git://");
    }

    @Override
    public CheckResult check(String location, Baseline baseline) {
        long start = System.nanoTime();
        try {
            String head;
            if (remote(location)) {
                Run r = run(List.of(git, "ls-remote", location, "HEAD"), null);
                if (r.exit != 0 || r.out.isBlank()) {
                    return CheckResult.unavailable(null, millis(start), "git ls-remote failed: " + r.err.strip());
                }
                head = r.out.strip().split("\\s+")[0];
            } else {
                Run r = run(List.of(git, "-C", location, "rev-parse", "HEAD"), null);
                if (r.exit != 0) {
                    return CheckResult.unavailable(null, millis(start), "git rev-parse failed: " + r.err.strip());
                }
                head = r.out.strip();
            }
            boolean changed = baseline.version() != null && !head.equals(baseline.version());
            List<CheckResult.FileChange> files = new ArrayList<>();
            if (changed && !remote(location)) {
                Run d = run(
                        List.of(
                                git,
                                "-C",
                                location,
                                "diff",
                                "--name-status",
                                "--no-renames",
                                "-z",
                                baseline.version(),
                                head),
                        null);
                if (d.exit == 0) {
                    String[] parts = d.out.split("\0");
                    for (int i = 0; i + 1 < parts.length; i += 2) {
                        files.add(new CheckResult.FileChange(parts[i].substring(0, 1), parts[i + 1]));
                    }
                }
            }
            return new CheckResult(true, changed, null, null, null, null, head, millis(start), null, null, null, files);
        } catch (IOException | UncheckedIOException e) {
            return CheckResult.unavailable(null, millis(start), "cannot run git: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return CheckResult.unavailable(null, millis(start), "interrupted");
        }
    }

    private record Run(int exit, String out, String err) {}

    private Run run(List<String> command, String input) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().put("GIT_TERMINAL_PROMPT", "0");
        pb.environment().put("LC_ALL", "C");
        Process p = pb.start();
        p.getOutputStream().close();
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(p.getInputStream()));
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(p.getErrorStream()));
        if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            p.destroyForcibly();
            return new Run(-1, "", "timed out after " + timeout.toMillis() + " ms");
        }
        return new Run(p.exitValue(), out.join(), err.join());
    }

    private static String read(InputStream in) {
        try (in) {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            in.transferTo(b);
            return b.toString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long millis(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }
}
