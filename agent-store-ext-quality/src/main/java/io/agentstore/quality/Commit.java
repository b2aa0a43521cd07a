package io.agentstore.quality;

import io.agentstore.spi.Checks;
import io.agentstore.spi.FactRecord;
import io.agentstore.spi.InvalidRecordException;
import io.agentstore.spi.Json;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * One commit of a repository ({@code fact_commit}), as {@code git log} reports it. {@code occurredAt} is the
 * committer time. The files it changed are {@link CommitFile} facts.
 *
 * @param eventId           see {@link FactRecord#eventId()}; imported commits use a name-based id from the SHA
 * @param occurredAt        the committer time
 * @param supersedesEventId see {@link FactRecord#supersedesEventId()}
 * @param repository        the repository's top-level folder
 * @param sha               the full commit SHA (40 or 64 lower-case hex digits)
 * @param parentShas        the parents' SHAs
 * @param authorName        the author's name, or null
 * @param authorEmail       the author's e-mail, or null
 * @param authoredAt        the author time, or null
 * @param message           the message, or null
 * @param filesChanged      files changed
 * @param linesAdded        lines added (binary files count none)
 * @param linesDeleted      lines deleted
 * @param attributes        anything else, as JSON
 */
public record Commit(
        UUID eventId,
        Instant occurredAt,
        UUID supersedesEventId,
        String repository,
        String sha,
        List<String> parentShas,
        String authorName,
        String authorEmail,
        Instant authoredAt,
        String message,
        long filesChanged,
        long linesAdded,
        long linesDeleted,
        Map<String, Object> attributes)
        implements FactRecord {

    private static final Pattern SHA = Pattern.compile("[0-9a-f]{40}|[0-9a-f]{64}");

    /** Validates every field; a bad one throws {@link InvalidRecordException} naming it. */
    public Commit {
        occurredAt = Checks.instant("occurredAt", occurredAt);
        Checks.required("repository", repository);
        sha = sha(sha, "sha");
        parentShas = Checks.texts("parentShas", parentShas);
        for (int i = 0; i < parentShas.size(); i++) {
            sha(parentShas.get(i), "parentShas[" + i + "]");
        }
        Checks.text("authorName", authorName);
        Checks.text("authorEmail", authorEmail);
        authoredAt = Checks.instant("authoredAt", authoredAt);
        Checks.text("message", message);
        Checks.nonNegative("filesChanged", filesChanged);
        Checks.nonNegative("linesAdded", linesAdded);
        Checks.nonNegative("linesDeleted", linesDeleted);
        attributes = Json.normalizeObject("attributes", attributes);
    }

    static String sha(String value, String field) {
        if (value == null || !SHA.matcher(value).matches()) {
            throw new InvalidRecordException(
                    field, value, "must be a full commit SHA (40 or 64 lower-case hex digits)");
        }
        return value;
    }
}
