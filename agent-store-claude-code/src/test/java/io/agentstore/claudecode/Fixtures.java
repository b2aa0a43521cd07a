package io.agentstore.claudecode;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/** The shared Claude Code fixtures (real transcripts and ccusage's figures for them), when present. */
final class Fixtures {
    private Fixtures() {
    }

    static Path shared() {
        String configured = System.getProperty("agentstore.shared");
        Path dir = configured != null ? Path.of(configured) : Path.of("..", "..", "shared");
        return dir.toAbsolutePath().normalize();
    }

    /** The projects folder of the real transcripts; skips the test with a message when absent. */
    static Path projects() {
        Path p = shared().resolve("fixtures/claude-code/claude-code-log/test/test_data/real_projects");
        assumeTrue(Files.isDirectory(p), "shared fixtures not found at " + p + " (set -Dagentstore.shared=...)");
        return p;
    }

    /** A file of ccusage's expected figures. */
    static Path expected(String name) {
        Path p = shared().resolve("fixtures/claude-code/expected").resolve(name);
        assumeTrue(Files.isRegularFile(p), "expected figures not found at " + p);
        return p;
    }
}
