package io.agentstore.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A child JVM on this test's classpath, running a {@code main} class of the tests: for tests that kill a
 * process holding a store, wait for a lock another process holds, or limit a child's heap or file sizes. A
 * daemon thread moves its stdout lines into a queue so that the test waits on lines with a timeout instead of
 * sleeping; its stderr goes to a file that failure messages quote.
 *
 * <pre>{@code
 * try (ChildJvm child = ChildJvm.start(dir, RecorderMain.class, "hold", db.toString())) {
 *     child.awaitLine(l -> l.startsWith("READY"), Duration.ofMinutes(1));
 *     ...
 *     child.kill();
 * }
 * }</pre>
 *
 * <p>Every child gets its own {@code java.io.tmpdir} inside the test's folder: DuckDB's JDBC driver copies its
 * 70 MB native library into the temporary folder of every process and deletes it only on a normal exit, so
 * each SIGKILL would otherwise leave one behind in /tmp.
 */
public final class ChildJvm implements AutoCloseable {
    /** Put into the line queue when stdout reaches end of file. */
    private static final String EOF = new String("<eof>");
    /** Options every child gets before the caller's own (which win over them, {@code -Xmx} for example). */
    private static final List<String> DEFAULT_OPTIONS =
            List.of("--add-opens=java.base/java.nio=ALL-UNNAMED", "-Xmx256m", "-XX:TieredStopAtLevel=1");

    private final Process process;
    private final Path stderr;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

    private ChildJvm(Process process, Path stderr) {
        this.process = process;
        this.stderr = stderr;
    }

    private ChildJvm pumping() {
        Thread pump = new Thread(this::pump, "child-" + process.pid() + "-stdout");
        pump.setDaemon(true);
        pump.start();
        return this;
    }

    /**
     * Starts {@code main args...}; its stderr and its temporary files go to {@code folder}.
     *
     * @throws UncheckedIOException when the process cannot be started
     */
    public static ChildJvm start(Path folder, Class<?> main, String... args) {
        return start(folder, List.of(), main, args);
    }

    /**
     * Starts {@code main args...} in a JVM with {@code jvmOptions} added (for example {@code -Xmx64m}, which
     * then wins over the default {@code -Xmx256m}); stderr and temporary files as {@link #start(Path, Class,
     * String...)}.
     *
     * @throws UncheckedIOException when the process cannot be started
     */
    public static ChildJvm start(Path folder, List<String> jvmOptions, Class<?> main, String... args) {
        return launch(folder, List.of(), jvmOptions, main, args);
    }

    /**
     * Starts {@code main args...} through {@code bash -c 'ulimit -S -f N; exec java ...'}: no file the child
     * writes may grow beyond {@code maxFileBytes} (rounded down to KiB). Only the soft limit is set, so
     * {@code prlimit --pid} can raise it again while the child runs. The JVM ignores {@code SIGXFSZ}, so a
     * write beyond the limit fails with {@code EFBIG} ("File too large") instead of killing the process.
     *
     * @throws UncheckedIOException when the process cannot be started
     */
    public static ChildJvm startWithFileSizeLimit(Path folder, long maxFileBytes, Class<?> main, String... args) {
        if (maxFileBytes < 1024) {
            throw new IllegalArgumentException("maxFileBytes must be at least 1024, got " + maxFileBytes);
        }
        return launch(
                folder,
                List.of("bash", "-c", "ulimit -S -f " + (maxFileBytes / 1024) + " && exec \"$@\"", "bash"),
                List.of(),
                main,
                args);
    }

    private static ChildJvm launch(
            Path folder, List<String> prefix, List<String> jvmOptions, Class<?> main, String... args) {
        Objects.requireNonNull(folder, "folder must not be null");
        Objects.requireNonNull(jvmOptions, "jvmOptions must not be null");
        Objects.requireNonNull(main, "main must not be null");
        Objects.requireNonNull(args, "args must not be null");
        try {
            String java =
                    Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Path tmp = Files.createDirectories(folder.resolve("child-tmp"));
            List<String> command = new ArrayList<>(prefix);
            command.addAll(List.of(java, "-cp", System.getProperty("java.class.path")));
            command.addAll(DEFAULT_OPTIONS);
            command.add("-Djava.io.tmpdir=" + tmp);
            command.addAll(jvmOptions);
            command.add(main.getName());
            command.addAll(List.of(args));
            Path err = Files.createTempFile(folder, "child-", ".stderr");
            Process p = new ProcessBuilder(command).redirectError(err.toFile()).start();
            return new ChildJvm(p, err).pumping();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start a child JVM running " + main.getName() + " in " + folder, e);
        }
    }

    private void pump() {
        try (BufferedReader r =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                lines.add(line);
            }
        } catch (IOException e) {
            // the process died; what was read is in the queue
        } finally {
            lines.add(EOF);
        }
    }

    /** The child's process id (with {@code bash -c ... exec}, still the JVM's: exec keeps the process). */
    public long pid() {
        return process.pid();
    }

    /** The process, for its liveness and exit value. */
    public Process process() {
        return process;
    }

    /**
     * The next stdout line, waiting at most {@code timeout}.
     *
     * @throws AssertionError when none comes in time or the output ended
     */
    public String nextLine(Duration timeout) throws InterruptedException {
        String line = lines.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (line == null) {
            throw new AssertionError("child " + pid() + " printed nothing within " + timeout + "; stderr: " + stderr());
        }
        if (line == EOF) {
            lines.add(EOF);
            throw new AssertionError("child " + pid() + " ended its output (exit "
                    + (process.isAlive() ? "-" : process.exitValue()) + "); stderr: " + stderr());
        }
        return line;
    }

    /** Waits for a line that matches, skipping others; returns it. */
    public String awaitLine(Predicate<String> wanted, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("child " + pid() + " did not print the expected line within " + timeout
                        + "; stderr: " + stderr());
            }
            String line = nextLine(Duration.ofNanos(left));
            if (wanted.test(line)) {
                return line;
            }
        }
    }

    /**
     * Every line still to come, up to end of file (after the process died or closed stdout). A last line
     * cut short by a kill is returned as it is; callers decide whether it is whole.
     */
    public List<String> drain(Duration timeout) throws InterruptedException {
        List<String> rest = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            String line = lines.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (line == null) {
                throw new AssertionError("child " + pid() + " output did not end within " + timeout);
            }
            if (line == EOF) {
                lines.add(EOF);
                return rest;
            }
            rest.add(line);
        }
    }

    /** Writes one line to the child's stdin. */
    public void send(String line) {
        try {
            process.getOutputStream().write((line + "\n").getBytes(StandardCharsets.UTF_8));
            process.getOutputStream().flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write to the stdin of child " + pid() + "; stderr: " + stderr(), e);
        }
    }

    /** Closes the child's stdin (a child that waits for end of input then finishes). */
    public void closeStdin() {
        try {
            process.getOutputStream().close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close the stdin of child " + pid(), e);
        }
    }

    /** SIGKILL on Linux: no shutdown hooks, no finally blocks, no store close. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new AssertionError("child " + pid() + " survived SIGKILL for 30 s");
        }
    }

    /** Waits for a normal exit and returns the exit code. */
    public int waitFor(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("child " + pid() + " did not exit within " + timeout + "; stderr: " + stderr());
        }
        return process.exitValue();
    }

    /** What the child wrote to stderr so far, or {@code (empty)}. */
    public String stderr() {
        try {
            String text = Files.readString(stderr);
            return text.isEmpty() ? "(empty)" : text;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Kills the child if it still runs; no {@code InterruptedException}, so try-with-resources stays lint-clean. */
    @Override
    public void close() {
        if (process.isAlive()) {
            try {
                kill();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while killing child " + pid(), e);
            }
        }
    }
}
