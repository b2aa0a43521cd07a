package io.agentstore.memory;

import java.time.Instant;

/**
 * A job as {@code v_jobs} shows it: its current state (the latest transition) and when each state was last
 * entered. Instants of states the job never entered are null.
 *
 * @param jobId          the job
 * @param title          its title, or null
 * @param project        its project (or that of its latest session), or null
 * @param status         its current state
 * @param statusReason   the reason given with the current state, or null
 * @param statusAt       when it entered the current state
 * @param createdAt      its first transition
 * @param pausedAt       its latest pause, or null
 * @param resumedAt      its latest resumption, or null
 * @param completedAt    its completion, or null
 * @param pauseReason    the reason of its latest pause, or null
 * @param sessions       how many sessions belong to it
 * @param lastActivityAt its latest transition, session link or session summary
 */
public record Job(
        String jobId,
        String title,
        String project,
        JobStatus status,
        String statusReason,
        Instant statusAt,
        Instant createdAt,
        Instant pausedAt,
        Instant resumedAt,
        Instant completedAt,
        String pauseReason,
        long sessions,
        Instant lastActivityAt) {}
