package io.agentstore.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/** Runs a command as a user would, with its output in files, and returns what it printed. */
final class Processes {
    /** The examples module folder. */
    static final Path EXAMPLES = Path.of(System.getProperty("examples.basedir", "."))
            .toAbsolutePath()
            .normalize();
    /** The repository root. */
    static final Path REPO = EXAMPLES.getParent();

    private Processes() {}

    /** What a finished command printed. */
    record Result(int exitCode, String stdout, String stderr) {
        /** Both streams, for assertion messages. */
        String describe() {
            return "exit code " + exitCode + "\n--- stdout ---\n" + stdout + "\n--- stderr ---\n" + stderr;
        }
    }

    /** The runtime class path of the examples, as Maven wrote it (see examples/pom.xml). */
    static String classpath() throws IOException {
        Path file = Path.of(System.getProperty(
                "examples.classpath.file",
                EXAMPLES.resolve("target/runtime-classpath.txt").toString()));
        return Files.readString(file).strip();
    }

    /**
     * Runs {@code command} in {@code workDir} with {@code stdin} as its input, waits at most 5 minutes.
     *
     * @param environment changes to the inherited environment; a null value removes the variable
     */
    static Result run(Path workDir, List<String> command, Map<String, String> environment, String stdin)
            throws IOException, InterruptedException {
        Path in = Files.createTempFile(workDir, "stdin", ".txt");
        Path out = Files.createTempFile(workDir, "stdout", ".txt");
        Path err = Files.createTempFile(workDir, "stderr", ".txt");
        Files.writeString(in, stdin);
        ProcessBuilder pb = new ProcessBuilder(command)
                .directory(workDir.toFile())
                .redirectInput(in.toFile())
                .redirectOutput(out.toFile())
                .redirectError(err.toFile());
        Consumer<Map<String, String>> edit = env -> environment.forEach((k, v) -> {
            if (v == null) {
                env.remove(k);
            } else {
                env.put(k, v);
            }
        });
        edit.accept(pb.environment());
        Process p = pb.start();
        boolean finished = p.waitFor(5, TimeUnit.MINUTES);
        if (!finished) {
            p.destroyForcibly().waitFor();
        }
        Result result = new Result(
                finished ? p.exitValue() : -1,
                Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
        System.out.println("$ " + String.join(" ", command) + "\n" + result.describe());
        assertThat(finished)
                .as("%s finished within 5 minutes\n%s", command, result.describe())
                .isTrue();
        return result;
    }
}
