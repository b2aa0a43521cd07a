package io.agentstore.quality;

/**
 * What {@link QualityFacade#importGit} did.
 *
 * @param repository  the repository's top-level folder
 * @param commitsRead commits in HEAD's history
 * @param newCommits  commits recorded now (the others were imported before)
 * @param newFiles    commit-file rows recorded now
 */
public record GitImportSummary(String repository, long commitsRead, long newCommits, long newFiles) {

    @Override
    public String toString() {
        return repository + ": " + commitsRead + " commit(s) read, " + newCommits + " new, " + newFiles
                + " new file change(s)";
    }
}
