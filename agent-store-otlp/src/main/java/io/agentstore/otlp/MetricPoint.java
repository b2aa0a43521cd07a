package io.agentstore.otlp;

import io.agentstore.spi.Checks;
import io.agentstore.spi.FactRecord;
import io.agentstore.spi.InvalidRecordException;
import io.agentstore.spi.Json;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * One OpenTelemetry metric data point ({@code fact_otlp_metric_point}), as an exporter sent it: Claude Code's
 * {@code claude_code.token.usage}, {@code claude_code.cost.usage}, {@code claude_code.lines_of_code.count}, ..., or
 * any other application's. A small fact of its own: no view that totals tokens or cost reads it, so a point never
 * adds to what the API-call facts of the same requests already count.
 *
 * @param eventId            the event id, or null for a random one
 * @param occurredAt         the point's time ({@code time_unix_nano})
 * @param supersedesEventId  the point this one corrects, or null
 * @param sessionId          the session ({@code session.id}), or null
 * @param metricName         the metric's name; required
 * @param metricUnit         its unit ({@code tokens}, {@code USD}, {@code s}, ...), or null
 * @param metricType         {@code sum}, {@code gauge}, {@code histogram}, {@code exponential_histogram} or
 *                           {@code summary}
 * @param temporality        {@code delta} or {@code cumulative} for sums and histograms, null for the others
 * @param isMonotonic        whether a sum only grows, null for the others
 * @param value              the value of a sum or gauge point, null for the others
 * @param count              the number of measurements of a histogram or summary point, null for the others
 * @param sum                their sum, null when not sent and for sums and gauges
 * @param startAt            the start of the point's interval ({@code start_time_unix_nano}), or null
 * @param modelName          the model the point is about ({@code model}, {@code gen_ai.response.model} or
 *                           {@code gen_ai.request.model}), or null
 * @param serviceName        the exporter's {@code service.name}, or null
 * @param resourceAttributes the resource's attributes, as JSON values
 * @param attributes         the point's own attributes, as JSON values
 */
public record MetricPoint(
        UUID eventId,
        Instant occurredAt,
        UUID supersedesEventId,
        String sessionId,
        String metricName,
        String metricUnit,
        String metricType,
        String temporality,
        Boolean isMonotonic,
        Double value,
        Long count,
        Double sum,
        Instant startAt,
        String modelName,
        String serviceName,
        Map<String, Object> resourceAttributes,
        Map<String, Object> attributes)
        implements FactRecord {
    /** The metric types. */
    public static final Set<String> TYPES = Set.of("sum", "gauge", "histogram", "exponential_histogram", "summary");
    /** The aggregation temporalities. */
    public static final Set<String> TEMPORALITIES = Set.of("delta", "cumulative");

    /** Validates every field; a bad one throws {@link InvalidRecordException} naming it. */
    public MetricPoint {
        occurredAt = Checks.instant("occurredAt", occurredAt);
        Checks.optional("sessionId", sessionId);
        Checks.required("metricName", metricName);
        Checks.text("metricUnit", metricUnit);
        Checks.oneOf("metricType", metricType, TYPES);
        if (temporality != null) {
            Checks.oneOf("temporality", temporality, TEMPORALITIES);
        }
        if (value != null && !Double.isFinite(value)) {
            throw new InvalidRecordException("value", value, "must be a finite number");
        }
        Checks.nonNegative("count", count);
        if (sum != null && !Double.isFinite(sum)) {
            throw new InvalidRecordException("sum", sum, "must be a finite number");
        }
        startAt = startAt == null ? null : Checks.instant("startAt", startAt);
        Checks.text("modelName", modelName);
        Checks.text("serviceName", serviceName);
        resourceAttributes = Json.normalizeObject("resourceAttributes", resourceAttributes);
        attributes = Json.normalizeObject("attributes", attributes);
    }
}
