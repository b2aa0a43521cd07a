package io.agentstore;

import io.agentstore.core.ErrorEvent;
import io.agentstore.spi.FactRecord;
import io.agentstore.spi.Row;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * One API error seen twice, once in Claude Code's transcript (an {@code isApiErrorMessage} line or a {@code system}
 * {@code api_error} line: attribute {@code transcript}) and once as its OpenTelemetry {@code api_error} event (attribute
 * {@code source: otlp}), counted once: the one recorded second supersedes the one stored first, so in either order one
 * of the two is counted ({@code v_errors.is_superseded}) and neither id changes.
 *
 * <p>Two errors match when they are of the same session, both of an {@code api_error*} type, come from the two
 * sources, and neither is matched yet; and then, when both carry a request id (attribute {@code request_id}), when the
 * ids are equal; otherwise when their times are at most {@link #WINDOW} apart (the nearest first). The importer and
 * the OTLP receiver run this on each batch before they record it.
 */
public final class ApiErrorMatching {
    /** How far apart the two records of one error may be when they carry no request id to match on. */
    public static final Duration WINDOW = Duration.ofSeconds(10);

    /** How far apart the two records of one error may be when they match on the request id. */
    static final Duration REQUEST_WINDOW = Duration.ofDays(1);

    private ApiErrorMatching() {}

    /**
     * The batch with each API error that matches an unmatched error of the other source already in {@code store}
     * replaced by a copy that supersedes it (attribute {@code matched_error}: the other one's event id); every other
     * record as it is. Reads the store only when the batch holds an API error of one of the two sources.
     */
    public static List<FactRecord> supersedeMatched(AgentStore store, List<? extends FactRecord> batch) {
        Objects.requireNonNull(store, "store must not be null");
        List<ErrorEvent> incoming = new ArrayList<>();
        for (FactRecord f : batch) {
            if (f instanceof ErrorEvent e && candidate(e) && side(e.attributes()) != null) {
                incoming.add(e);
            }
        }
        if (incoming.isEmpty()) {
            return List.copyOf(batch);
        }
        Instant first = incoming.get(0).occurredAt();
        Instant last = first;
        Set<String> sessions = new HashSet<>();
        for (ErrorEvent e : incoming) {
            first = e.occurredAt().isBefore(first) ? e.occurredAt() : first;
            last = e.occurredAt().isAfter(last) ? e.occurredAt() : last;
            sessions.add(e.sessionId());
        }
        List<Object> params = new ArrayList<>(sessions);
        params.add(first.minus(REQUEST_WINDOW));
        params.add(last.plus(REQUEST_WINDOW));
        String marks = String.join(",", java.util.Collections.nCopies(sessions.size(), "?"));
        List<Stored> stored = new ArrayList<>();
        for (Row r : store.sql(
                        "SELECT f.event_id, f.occurred_at, s.session_id, f.attributes FROM fact_error f"
                                + " JOIN dim_session s ON s.session_key = f.session_key"
                                + " WHERE s.session_id IN (" + marks + ") AND f.occurred_at BETWEEN ? AND ?"
                                + " AND f.error_type LIKE 'api_error%' AND f.supersedes_event_id IS NULL"
                                + " AND f.event_id NOT IN (SELECT supersedes_event_id FROM fact_error"
                                + " WHERE supersedes_event_id IS NOT NULL)",
                        params.toArray())
                .rows()) {
            Map<String, Object> a = r.jsonObject("attributes");
            String side = side(a);
            if (side != null) {
                stored.add(new Stored(
                        r.uuid("event_id"),
                        r.instant("occurred_at"),
                        r.string("session_id"),
                        side,
                        text(a.get("request_id"))));
            }
        }
        if (stored.isEmpty()) {
            return List.copyOf(batch);
        }
        Map<UUID, UUID> matched = new LinkedHashMap<>();
        Set<UUID> taken = new HashSet<>();
        for (ErrorEvent e : incoming) {
            String side = side(e.attributes());
            String requestId = text(e.attributes().get("request_id"));
            Stored best = null;
            long bestGap = Long.MAX_VALUE;
            for (Stored s : stored) {
                if (taken.contains(s.eventId())
                        || s.side().equals(side)
                        || !s.sessionId().equals(e.sessionId())
                        || s.eventId().equals(e.eventId())) {
                    continue;
                }
                long gap = Math.abs(
                        Duration.between(s.occurredAt(), e.occurredAt()).toMillis());
                boolean byRequest = requestId != null && s.requestId() != null;
                if (byRequest ? !requestId.equals(s.requestId()) : gap > WINDOW.toMillis()) {
                    continue;
                }
                if (gap < bestGap) {
                    best = s;
                    bestGap = gap;
                }
            }
            if (best != null) {
                taken.add(best.eventId());
                matched.put(e.eventId(), best.eventId());
            }
        }
        List<FactRecord> out = new ArrayList<>(batch.size());
        for (FactRecord f : batch) {
            UUID other = f instanceof ErrorEvent e && e.eventId() != null ? matched.get(e.eventId()) : null;
            if (other == null) {
                out.add(f);
            } else {
                ErrorEvent e = (ErrorEvent) f;
                Map<String, Object> attrs = new LinkedHashMap<>(e.attributes());
                attrs.put("matched_error", other.toString());
                out.add(new ErrorEvent(
                        e.eventId(),
                        e.occurredAt(),
                        other,
                        e.sessionId(),
                        e.agent(),
                        e.task(),
                        e.toolName(),
                        e.severity(),
                        e.errorType(),
                        e.message(),
                        attrs));
            }
        }
        return out;
    }

    private record Stored(UUID eventId, Instant occurredAt, String sessionId, String side, String requestId) {}

    private static boolean candidate(ErrorEvent e) {
        return e.eventId() != null
                && e.sessionId() != null
                && e.supersedesEventId() == null
                && e.errorType().startsWith("api_error");
    }

    /** {@code transcript}, {@code otlp}, or null for an error of neither source. */
    private static String side(Map<String, Object> attributes) {
        if ("otlp".equals(attributes.get("source"))) {
            return "otlp";
        }
        return attributes.get("transcript") != null ? "transcript" : null;
    }

    private static String text(Object v) {
        return v == null || String.valueOf(v).isBlank() ? null : String.valueOf(v);
    }
}
