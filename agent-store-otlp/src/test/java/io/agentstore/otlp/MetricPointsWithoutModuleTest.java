package io.agentstore.otlp;

import static io.agentstore.otlp.Payloads.protobuf;
import static org.assertj.core.api.Assertions.assertThat;

import io.agentstore.testing.StoreExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A store without the otlp module: metric points are taken (200) and counted, not stored. */
class MetricPointsWithoutModuleTest {
    @RegisterExtension
    final StoreExtension store = StoreExtension.inMemory();

    @Test
    void pointsAreCountedNotStored() {
        try (OtlpReceiver receiver =
                OtlpReceiver.builder().store(store.get()).port(0).start()) {
            var r = protobuf(
                    receiver.port(),
                    "/v1/metrics",
                    MetricPointsTest.metrics(MetricPointsTest.deltaSum(
                            "claude_code.token.usage",
                            "tokens",
                            MetricPointsTest.claudeCodePoint(MetricPointsTest.T, "input", 5))));
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(receiver.stats().records()).isEqualTo(1L);
            assertThat(receiver.stats().facts()).isZero();
        }
        assertThat(store.get()
                        .sql("SELECT count(*) AS n FROM information_schema.tables WHERE table_name LIKE '%metric%'")
                        .single()
                        .orElseThrow()
                        .int64("n"))
                .isZero();
    }
}
