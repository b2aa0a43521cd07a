package io.agentstore.memory;

import java.util.Optional;

/**
 * The job {@link MemoryFacade#resumeJob(String, String)} picked for a project, after it was resumed, and
 * where its last session left off.
 *
 * @param job         the job, in its state after the call
 * @param wasPaused   whether the call moved it from paused to resumed
 * @param lastSummary the latest session summary of the job, when there is one
 */
public record ResumedJob(Job job, boolean wasPaused, Optional<SessionSummary> lastSummary) {}
