package io.agentstore.otlp;

import static io.agentstore.otlp.Payloads.event;
import static io.agentstore.otlp.Payloads.kv;
import static io.agentstore.otlp.Payloads.logs;
import static io.agentstore.otlp.Payloads.nanos;
import static io.agentstore.otlp.Payloads.protobuf;
import static org.assertj.core.api.Assertions.assertThat;

import io.agentstore.spi.Row;
import io.agentstore.testing.MutableClock;
import io.agentstore.testing.StoreExtension;
import io.agentstore.tokens.TokensModule;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.metrics.v1.AggregationTemporality;
import io.opentelemetry.proto.metrics.v1.Gauge;
import io.opentelemetry.proto.metrics.v1.Histogram;
import io.opentelemetry.proto.metrics.v1.HistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.metrics.v1.Sum;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Metric data points are kept as the otlp module's small fact ({@code fact_otlp_metric_point}) and never add to the
 * tokens or cost that the API-call events of the same requests carry.
 */
class MetricPointsTest {
    static final String S = Payloads.SESSION;
    static final Instant T = Instant.parse("2026-02-11T14:00:00Z");
    static final String MODEL = "claude-sonnet-4-5";

    final MutableClock clock = MutableClock.at("2026-02-11T15:00:00Z");

    @RegisterExtension
    final StoreExtension store = StoreExtension.inMemory()
            .install(TokensModule.create(), OtlpModule.create())
            .clock(clock);

    private OtlpReceiver receiver;

    private int port() {
        if (receiver == null) {
            receiver = OtlpReceiver.builder().store(store.get()).port(0).start();
        }
        return receiver.port();
    }

    @AfterEach
    void stop() {
        if (receiver != null) {
            receiver.close();
        }
    }

    /** A delta sum point of Claude Code's, {@code type} and {@code model} as its attributes. */
    static NumberDataPoint claudeCodePoint(Instant at, String type, double value) {
        NumberDataPoint.Builder p = NumberDataPoint.newBuilder()
                .setStartTimeUnixNano(nanos(at.minusSeconds(60)))
                .setTimeUnixNano(nanos(at))
                .setAsDouble(value)
                .addAttributes(kv("session.id", S))
                .addAttributes(kv("user.account_uuid", Payloads.ACCOUNT))
                .addAttributes(kv("model", MODEL));
        if (type != null) {
            p.addAttributes(kv("type", type));
        }
        return p.build();
    }

    static Metric deltaSum(String name, String unit, NumberDataPoint... points) {
        Sum.Builder sum = Sum.newBuilder()
                .setAggregationTemporality(AggregationTemporality.AGGREGATION_TEMPORALITY_DELTA)
                .setIsMonotonic(true);
        for (NumberDataPoint p : points) {
            sum.addDataPoints(p);
        }
        return Metric.newBuilder().setName(name).setUnit(unit).setSum(sum).build();
    }

    static ExportMetricsServiceRequest metrics(Metric... metrics) {
        ScopeMetrics.Builder scope = ScopeMetrics.newBuilder();
        for (Metric m : metrics) {
            scope.addMetrics(m);
        }
        return ExportMetricsServiceRequest.newBuilder()
                .addResourceMetrics(ResourceMetrics.newBuilder()
                        .setResource(Payloads.claudeCodeResource())
                        .addScopeMetrics(scope))
                .build();
    }

    private Row one(String sql) {
        List<Row> rows = store.get().sql(sql).rows();
        assertThat(rows).as(sql).hasSize(1);
        return rows.get(0);
    }

    @Test
    void everyKindOfDataPointIsStoredAsSent() {
        Metric gauge = Metric.newBuilder()
                .setName("queue.depth")
                .setGauge(Gauge.newBuilder()
                        .addDataPoints(NumberDataPoint.newBuilder()
                                .setTimeUnixNano(nanos(T))
                                .setAsInt(7)
                                .addAttributes(kv("queue", "main"))))
                .build();
        Metric histogram = Metric.newBuilder()
                .setName("gen_ai.client.operation.duration")
                .setUnit("s")
                .setHistogram(Histogram.newBuilder()
                        .setAggregationTemporality(AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE)
                        .addDataPoints(HistogramDataPoint.newBuilder()
                                .setStartTimeUnixNano(nanos(T.minusSeconds(300)))
                                .setTimeUnixNano(nanos(T))
                                .setCount(4)
                                .setSum(6.5)
                                .addBucketCounts(1)
                                .addBucketCounts(3)
                                .addExplicitBounds(1.0)
                                .addAttributes(kv("gen_ai.request.model", "gpt-4o"))))
                .build();
        HttpResponse<byte[]> r = protobuf(
                port(),
                "/v1/metrics",
                metrics(
                        deltaSum("claude_code.token.usage", "tokens", claudeCodePoint(T, "input", 1234)),
                        gauge,
                        histogram));
        assertThat(r.statusCode()).isEqualTo(200);

        Row tokens = one("SELECT * FROM v_otlp_metric_points WHERE metric_name = 'claude_code.token.usage'");
        assertThat(tokens.string("metric_unit")).isEqualTo("tokens");
        assertThat(tokens.string("metric_type")).isEqualTo("sum");
        assertThat(tokens.string("temporality")).isEqualTo("delta");
        assertThat(tokens.bool("is_monotonic")).isTrue();
        assertThat(tokens.float64("metric_value")).isEqualTo(1234.0);
        assertThat(tokens.string("session_id")).isEqualTo(S);
        assertThat(tokens.string("model_name")).isEqualTo(MODEL);
        assertThat(tokens.instant("occurred_at")).isEqualTo(T);
        assertThat(tokens.instant("start_at")).isEqualTo(T.minusSeconds(60));
        assertThat(tokens.string("service_name")).isEqualTo("claude-code");
        assertThat(tokens.jsonObject("attributes")).containsEntry("type", "input");
        assertThat(tokens.jsonObject("resource_attributes")).containsEntry("service.version", "2.1.30");

        Row depth = one("SELECT * FROM v_otlp_metric_points WHERE metric_name = 'queue.depth'");
        assertThat(depth.string("metric_type")).isEqualTo("gauge");
        assertThat(depth.float64("metric_value")).isEqualTo(7.0);
        assertThat(depth.string("temporality")).isNull();
        assertThat(depth.string("session_id")).isNull();

        Row duration = one("SELECT * FROM v_otlp_metric_points WHERE metric_type = 'histogram'");
        assertThat(duration.int64("point_count")).isEqualTo(4L);
        assertThat(duration.float64("point_sum")).isEqualTo(6.5);
        assertThat(duration.float64("metric_value")).isNull();
        assertThat(duration.string("temporality")).isEqualTo("cumulative");
        assertThat(duration.string("model_name")).isEqualTo("gpt-4o");

        assertThat(receiver.stats().records()).isEqualTo(3L);
        assertThat(receiver.stats().facts()).isEqualTo(3L);
    }

    @Test
    void aRetriedExportAddsNoPoint() {
        ExportMetricsServiceRequest m =
                metrics(deltaSum("claude_code.cost.usage", "USD", claudeCodePoint(T, null, 0.25)));
        assertThat(protobuf(port(), "/v1/metrics", m).statusCode()).isEqualTo(200);
        assertThat(protobuf(port(), "/v1/metrics", m).statusCode()).isEqualTo(200);
        assertThat(one("SELECT count(*) AS n FROM fact_otlp_metric_point").int64("n"))
                .isEqualTo(1L);
    }

    @Test
    void aPointThatCannotBeStoredIsRejectedAsPartialSuccess() throws Exception {
        HttpResponse<byte[]> r = protobuf(
                port(),
                "/v1/metrics",
                metrics(deltaSum(
                        "claude_code.cost.usage",
                        "USD",
                        claudeCodePoint(T, null, Double.NaN),
                        claudeCodePoint(T.plusSeconds(60), null, 0.5))));
        assertThat(r.statusCode()).isEqualTo(200);
        var answer = io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceResponse.parseFrom(r.body());
        assertThat(answer.getPartialSuccess().getRejectedDataPoints()).isEqualTo(1L);
        assertThat(answer.getPartialSuccess().getErrorMessage()).contains("value");
        assertThat(one("SELECT count(*) AS n FROM fact_otlp_metric_point").int64("n"))
                .isEqualTo(1L);
    }

    @Test
    void tokenAndCostMetricsLeaveTheTokenAndCostTotalsOfTheirApiRequestsUnchanged() {
        // two API calls as Claude Code's api_request events: 10+20+30+40 and 1+2+3+4 tokens, $0.50 and $0.25
        assertThat(protobuf(
                                port(),
                                "/v1/logs",
                                logs(
                                        event(
                                                "api_request",
                                                T,
                                                1,
                                                "model",
                                                MODEL,
                                                "input_tokens",
                                                "10",
                                                "output_tokens",
                                                "20",
                                                "cache_read_tokens",
                                                "30",
                                                "cache_creation_tokens",
                                                "40",
                                                "cost_usd",
                                                "0.5",
                                                "request_id",
                                                "req_a"),
                                        event(
                                                "api_request",
                                                T.plusSeconds(5),
                                                2,
                                                "model",
                                                MODEL,
                                                "input_tokens",
                                                "1",
                                                "output_tokens",
                                                "2",
                                                "cache_read_tokens",
                                                "3",
                                                "cache_creation_tokens",
                                                "4",
                                                "cost_usd",
                                                "0.25",
                                                "request_id",
                                                "req_b")))
                        .statusCode())
                .isEqualTo(200);
        String totals = "SELECT calls, total_tokens, reported_cost_usd FROM v_cost_by_day";
        String session = "SELECT calls, total_tokens, reported_cost_usd FROM v_cost_by_session";
        String calls = "SELECT count(*) AS n, sum(total_tokens) AS tokens FROM v_api_calls WHERE NOT is_superseded";
        assertTotals(totals, session, calls);

        // the same two calls as Claude Code's metrics: the token counter by type and the cost counter
        Instant at = T.plusSeconds(10);
        HttpResponse<byte[]> r = protobuf(
                port(),
                "/v1/metrics",
                metrics(
                        deltaSum(
                                "claude_code.token.usage",
                                "tokens",
                                claudeCodePoint(at, "input", 11),
                                claudeCodePoint(at, "output", 22),
                                claudeCodePoint(at, "cacheRead", 33),
                                claudeCodePoint(at, "cacheCreation", 44)),
                        deltaSum("claude_code.cost.usage", "USD", claudeCodePoint(at, null, 0.75))));
        assertThat(r.statusCode()).isEqualTo(200);

        assertThat(one("SELECT count(*) AS n FROM v_otlp_metric_points").int64("n"))
                .isEqualTo(5L);
        assertTotals(totals, session, calls);
        Row daily = one("SELECT * FROM v_otlp_metric_daily WHERE metric_name = 'claude_code.token.usage'"
                + " AND point_type = 'cacheCreation'");
        assertThat(daily.float64("total")).isEqualTo(44.0);
        assertThat(daily.int64("points")).isEqualTo(1L);
        assertThat(one("SELECT total FROM v_otlp_metric_daily WHERE metric_name = 'claude_code.cost.usage'")
                        .float64("total"))
                .isEqualTo(0.75);
    }

    private void assertTotals(String totals, String session, String calls) {
        Row day = one(totals);
        assertThat(day.int64("calls")).isEqualTo(2L);
        assertThat(day.int64("total_tokens")).isEqualTo(110L);
        assertThat(day.decimal("reported_cost_usd")).isEqualByComparingTo("0.75");
        Row s = one(session);
        assertThat(s.int64("calls")).isEqualTo(2L);
        assertThat(s.int64("total_tokens")).isEqualTo(110L);
        assertThat(s.decimal("reported_cost_usd")).isEqualByComparingTo("0.75");
        Row c = one(calls);
        assertThat(c.int64("n")).isEqualTo(2L);
        assertThat(c.int64("tokens")).isEqualTo(110L);
    }
}
