package io.agentstore.cdc.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The git checker on repositories the test creates with the real git. */
class GitCheckerTest {
    private final GitChecker checker = GitChecker.withTimeout(Duration.ofSeconds(30));

    @Test
    void anUnmovedHeadIsUnchangedAndAMovedOneListsItsFiles(@TempDir Path dir) {
        Git git = Git.init(dir).write("a.md", "a").write("b.md", "b").write("c.md", "c");
        String first = git.commit("one");
        CheckResult r1 = checker.check(dir.toString(), Baseline.NONE);
        assertThat(r1.available()).isTrue();
        assertThat(r1.version()).isEqualTo(first);
        assertThat(r1.changed()).isFalse();

        Baseline after = new Baseline(null, null, null, first, Map.of());
        assertThat(checker.check(dir.toString(), after).changed()).isFalse();

        String second =
                git.write("a.md", "a2").delete("b.md").write("d/e.md", "e").commit("two");
        CheckResult r2 = checker.check(dir.toString(), after);
        assertThat(r2.changed()).isTrue();
        assertThat(r2.version()).isEqualTo(second);
        assertThat(r2.files())
                .containsExactly(
                        new CheckResult.FileChange("M", "a.md"),
                        new CheckResult.FileChange("D", "b.md"),
                        new CheckResult.FileChange("A", "d/e.md"));
    }

    @Test
    void aFolderThatIsNoRepositoryIsUnavailable(@TempDir Path dir) {
        CheckResult r = checker.check(dir.toString(), Baseline.NONE);
        assertThat(r.available()).isFalse();
        assertThat(r.error()).startsWith("git rev-parse failed: ");
    }

    @Test
    void aRemoteIsReadWithLsRemote(@TempDir Path dir) {
        Git git = Git.init(dir.resolve("origin")).write("x", "x");
        String head = git.commit("one");
        // a file: URL is what git calls a remote; ls-remote answers its HEAD without cloning
        CheckResult r = checker.check("file://" + dir.resolve("origin"), Baseline.NONE);
        assertThat(r.available()).isTrue();
        assertThat(r.version()).isEqualTo(head);
    }
}
