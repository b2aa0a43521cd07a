package io.agentstore.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agentstore.AgentStore;
import io.agentstore.spi.Row;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code importGit} on the project's own repository and on a repository built by the test with known commits. */
class GitImportTest {
    @TempDir
    Path tmp;

    @Test
    void theProjectsOwnHistoryGivesAsManyCommitsAsGitRevListCount() {
        Path self = Path.of("").toAbsolutePath();
        long expected = Long.parseLong(
                Fixtures.git(self, null, "rev-list", "--count", "HEAD").strip());
        // the latest commit that is not a merge (git log lists no files for merges) and git's own numstat of it,
        // read here independently of the importer's parser
        String head = Fixtures.git(self, null, "log", "-1", "--no-merges", "--format=%H", "HEAD")
                .strip();
        String[] numstat = Fixtures.git(
                        self,
                        null,
                        "-c",
                        "core.quotePath=false",
                        "show",
                        "--numstat",
                        "--no-renames",
                        "--format=",
                        head)
                .strip()
                .split("\n");
        long files = numstat.length == 1 && numstat[0].isBlank() ? 0 : numstat.length;
        try (AgentStore store = Fixtures.store("2030-01-01T00:00:00Z")) {
            QualityFacade quality = QualityModule.of(store);
            GitImportSummary first = quality.importGit(self);
            assertThat(first.commitsRead()).isEqualTo(expected);
            assertThat(first.newCommits()).isEqualTo(expected);
            assertThat(store.sql("SELECT count(*) AS n FROM v_commits")
                            .rows()
                            .get(0)
                            .int64("n"))
                    .isEqualTo(expected);
            GitImportSummary again = quality.importGit(self);
            assertThat(again.newCommits()).isZero();
            assertThat(again.newFiles()).isZero();
            assertThat(store.sql("SELECT count(*) AS n FROM fact_commit")
                            .rows()
                            .get(0)
                            .int64("n"))
                    .isEqualTo(expected);
            Row h = store.sql("SELECT files_changed FROM v_commits WHERE commit_sha = ?", head)
                    .rows()
                    .get(0);
            assertThat(h.int64("files_changed")).isEqualTo(files);
        }
    }

    @Test
    void commitsOfAKnownRepositoryWithFilesLinesAndAuthors() throws Exception {
        Path repo = Files.createDirectories(tmp.resolve("repo")).toRealPath();
        Fixtures.git(repo, null, "init", "-q");
        Files.createDirectories(repo.resolve("src"));
        Files.writeString(repo.resolve("src/A.java"), "class A {\n  int x;\n}\n");
        Files.writeString(repo.resolve("README.md"), "# demo\n");
        Fixtures.git(repo, null, "add", ".");
        Fixtures.git(repo, "2025-06-10T10:00:00Z", "commit", "-q", "-m", "first\n\nwith a body");
        Files.writeString(repo.resolve("src/A.java"), "class A {\n  int y;\n  int z;\n}\n");
        Files.write(repo.resolve("bin.dat"), new byte[] {0, 1, 2, 0, (byte) 255});
        Fixtures.git(repo, null, "add", ".");
        Fixtures.git(repo, "2025-06-10T14:00:00+02:00", "commit", "-q", "-m", "second");
        String first = Fixtures.git(repo, null, "rev-parse", "HEAD~1").strip();
        String second = Fixtures.git(repo, null, "rev-parse", "HEAD").strip();
        try (AgentStore store = Fixtures.store("2030-01-01T00:00:00Z")) {
            GitImportSummary s = QualityModule.of(store).importGit(repo.resolve("src"));
            assertThat(s).isEqualTo(new GitImportSummary(repo.toString(), 2, 2, 4));
            List<Row> commits =
                    store.sql("SELECT * FROM v_commits ORDER BY occurred_at").rows();
            assertThat(commits).extracting(r -> r.string("commit_sha")).containsExactly(first, second);
            Row c1 = commits.get(0);
            assertThat(c1.instant("occurred_at")).isEqualTo(Instant.parse("2025-06-10T10:00:00Z"));
            assertThat(c1.string("message")).isEqualTo("first\n\nwith a body");
            assertThat(c1.string("author_name")).isEqualTo("Ada Lovelace");
            assertThat(c1.string("author_email")).isEqualTo("ada@example.com");
            assertThat(List.of(c1.int64("files_changed"), c1.int64("lines_added"), c1.int64("lines_deleted")))
                    .containsExactly(2L, 4L, 0L);
            Row c2 = commits.get(1);
            assertThat(c2.instant("occurred_at")).isEqualTo(Instant.parse("2025-06-10T12:00:00Z"));
            assertThat(c2.string("parent_shas")).isEqualTo("[\"" + first + "\"]");
            // A.java: 2 lines replaced by 3 (+2 -1 counting the unchanged braces); bin.dat binary: no line counts
            assertThat(List.of(c2.int64("files_changed"), c2.int64("lines_added"), c2.int64("lines_deleted")))
                    .containsExactly(2L, 2L, 1L);
            Map<String, String> files = new java.util.TreeMap<>();
            store.sql("SELECT file_path, lines_added, lines_deleted FROM v_commit_files WHERE commit_sha = ?", second)
                    .rows()
                    .forEach(r ->
                            files.put(r.string("file_path"), r.int64("lines_added") + "/" + r.int64("lines_deleted")));
            assertThat(files)
                    .containsExactly(
                            Map.entry(repo.resolve("bin.dat").toString(), "null/null"),
                            Map.entry(repo.resolve("src/A.java").toString(), "2/1"));
        }
    }

    @Test
    void aFolderOutsideAnyRepositoryIsRefused() throws Exception {
        Path plain = Files.createDirectories(tmp.resolve("plain"));
        try (AgentStore store = Fixtures.store("2030-01-01T00:00:00Z")) {
            assertThatThrownBy(() -> QualityModule.of(store).importGit(plain))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("is not in a git repository");
        }
    }
}
