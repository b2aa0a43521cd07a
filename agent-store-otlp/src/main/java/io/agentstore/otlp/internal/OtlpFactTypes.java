package io.agentstore.otlp.internal;

import static io.agentstore.core.CoreDimensions.model;
import static io.agentstore.core.CoreDimensions.session;

import io.agentstore.otlp.MetricPoint;
import io.agentstore.spi.FactContext;
import io.agentstore.spi.FactRow;
import io.agentstore.spi.FactType;
import io.agentstore.spi.Row;

/** The writers and readers of the otlp module's facts. */
public final class OtlpFactTypes {
    private OtlpFactTypes() {}

    /** {@code fact_otlp_metric_point}, read back from {@code v_otlp_metric_points}. */
    public static final FactType<MetricPoint> METRIC_POINT = new FactType<>() {
        @Override
        public String table() {
            return "fact_otlp_metric_point";
        }

        @Override
        public String view() {
            return "v_otlp_metric_points";
        }

        @Override
        public void write(MetricPoint r, FactContext c, FactRow row) {
            row.int64(r.sessionId() == null ? null : session(c, r.sessionId()))
                    .int64(r.modelName() == null ? null : model(c, r.modelName(), null))
                    .text(r.metricName())
                    .text(r.metricUnit())
                    .text(r.metricType())
                    .text(r.temporality())
                    .bool(r.isMonotonic())
                    .float64(r.value())
                    .int64(r.count())
                    .float64(r.sum())
                    .timestamp(r.startAt())
                    .text(r.serviceName())
                    .json(r.resourceAttributes());
        }

        @Override
        public MetricPoint read(Row row) {
            return new MetricPoint(
                    row.uuid("event_id"),
                    row.instant("occurred_at"),
                    row.uuid("supersedes_event_id"),
                    row.string("session_id"),
                    row.string("metric_name"),
                    row.string("metric_unit"),
                    row.string("metric_type"),
                    row.string("temporality"),
                    row.bool("is_monotonic"),
                    row.float64("metric_value"),
                    row.int64("point_count"),
                    row.float64("point_sum"),
                    row.instant("start_at"),
                    row.string("model_name"),
                    row.string("service_name"),
                    row.jsonObject("resource_attributes"),
                    row.jsonObject("attributes"));
        }
    };
}
