package io.agentstore.quality;

import java.time.Instant;

/**
 * A session whose file modifications touched a commit's files in the window before it ({@code v_commit_sessions}).
 *
 * @param commitSha     the commit
 * @param committedAt   its committer time
 * @param sessionId     the session
 * @param filesTouched  files of the commit the session modified in the window
 * @param modifications the session's modifications of them
 */
public record CommitSession(
        String commitSha, Instant committedAt, String sessionId, long filesTouched, long modifications) {}
