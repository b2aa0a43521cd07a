package io.agentstore.memory;

import io.agentstore.spi.InvalidRecordException;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * The lifecycle of a job: {@code active → paused → resumed → completed}. A job starts active; an active or
 * resumed job may be paused or completed; a paused job may be resumed or completed; a completed job is done.
 */
public enum JobStatus {
    /** Created (the first transition of every job). */
    ACTIVE,
    /** Put aside, with a reason. */
    PAUSED,
    /** Taken up again after a pause. */
    RESUMED,
    /** Finished. */
    COMPLETED;

    /** The name stored in {@code to_status}: lower case. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether work on the job is going on (active or resumed). */
    public boolean isOpen() {
        return this == ACTIVE || this == RESUMED;
    }

    /** The states a job in this state may move to. */
    public Set<JobStatus> next() {
        return switch (this) {
            case ACTIVE, RESUMED -> EnumSet.of(PAUSED, COMPLETED);
            case PAUSED -> EnumSet.of(RESUMED, COMPLETED);
            case COMPLETED -> EnumSet.noneOf(JobStatus.class);
        };
    }

    /**
     * The status named {@code id}, case-insensitively.
     *
     * @throws InvalidRecordException naming {@code field} for any other name
     */
    public static JobStatus of(String field, String id) {
        if (id != null) {
            for (JobStatus s : values()) {
                if (s.id().equals(id.trim().toLowerCase(Locale.ROOT))) {
                    return s;
                }
            }
        }
        throw new InvalidRecordException(field, id, "must be one of [active, paused, resumed, completed]");
    }
}
