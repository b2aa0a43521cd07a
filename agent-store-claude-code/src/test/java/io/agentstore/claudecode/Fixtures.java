package io.agentstore.claudecode;

import io.agentstore.testing.SharedFixtures;
import java.nio.file.Path;

/**
 * The shared Claude Code fixtures (real transcripts and ccusage's figures for them): a test whose fixture is
 * missing is skipped, or fails under {@code CI=true} ({@link SharedFixtures}).
 */
final class Fixtures {
    private Fixtures() {}

    static Path shared() {
        return SharedFixtures.root();
    }

    /** The projects folder of the real transcripts. */
    static Path projects() {
        return SharedFixtures.directory("fixtures/claude-code/claude-code-log/test/test_data/real_projects");
    }

    /** A file of ccusage's expected figures. */
    static Path expected(String name) {
        return SharedFixtures.file("fixtures/claude-code/expected/" + name);
    }
}
