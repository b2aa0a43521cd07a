package io.agentstore.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import org.junit.jupiter.api.Assumptions;

/**
 * The shared fixtures (real Claude Code transcripts, ccusage's figures, the public price file) that live
 * beside the repository, in {@code ../shared} or wherever the system property {@value #PROPERTY} points
 * (the build sets it). On a developer's machine a test whose fixture is missing is skipped with a message;
 * under {@code CI=true} it fails instead, so that a CI run never passes by testing nothing.
 */
public final class SharedFixtures {
    /** The system property naming the shared folder. */
    public static final String PROPERTY = "agentstore.shared";

    private SharedFixtures() {}

    /** The shared folder: the system property {@value #PROPERTY}, or {@code ../../shared} from the module. */
    public static Path root() {
        String configured = System.getProperty(PROPERTY);
        Path dir = configured != null ? Path.of(configured) : Path.of("..", "..", "shared");
        return dir.toAbsolutePath().normalize();
    }

    /**
     * The folder {@code relative} to the shared root. When it is missing the test is skipped, or fails under
     * {@code CI=true}, with the path in the message.
     */
    public static Path directory(String relative) {
        Path p = root().resolve(Objects.requireNonNull(relative, "relative must not be null"));
        require(Files.isDirectory(p), "shared fixture folder not found at " + p + " (set -D" + PROPERTY + "=...)");
        return p;
    }

    /**
     * The file {@code relative} to the shared root. When it is missing the test is skipped, or fails under
     * {@code CI=true}, with the path in the message.
     */
    public static Path file(String relative) {
        Path p = root().resolve(Objects.requireNonNull(relative, "relative must not be null"));
        require(Files.isRegularFile(p), "shared fixture file not found at " + p + " (set -D" + PROPERTY + "=...)");
        return p;
    }

    /**
     * Skips the test when {@code present} is false, or fails it under {@code CI=true}.
     *
     * @throws AssertionError under {@code CI=true} when the fixture is missing
     * @throws org.opentest4j.TestAbortedException elsewhere when it is missing (JUnit reports a skip)
     */
    public static void require(boolean present, String message) {
        require(present, message, System.getenv("CI"));
    }

    static void require(boolean present, String message, String ci) {
        if (present) {
            return;
        }
        if ("true".equals(ci)) {
            throw new AssertionError(message + "; CI=true, so a missing shared fixture is a failure, not a skip");
        }
        Assumptions.assumeTrue(false, message);
    }
}
