package io.agentstore.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agentstore.AgentStore;
import io.agentstore.spi.FactRecord;
import io.agentstore.spi.InvalidRecordException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Every record comes back from its view as it was written; bad fields are refused naming the field and the value. */
class RecordsTest {
    private static final Instant AT = Instant.parse("2025-06-10T10:00:00.123456Z");
    private static final String SHA = "0123456789abcdef0123456789abcdef01234567";
    private static final String PARENT = "89abcdef0123456789abcdef0123456789abcdef";

    private static <R extends FactRecord> void roundTrip(AgentStore store, R record) {
        UUID id = store.record(record);
        @SuppressWarnings("unchecked")
        Class<R> type = (Class<R>) record.getClass();
        assertThat(store.find(type, id)).contains(record);
    }

    @Test
    void everyRecordComesBackAsWritten() {
        try (AgentStore store = Fixtures.store("2026-01-01T00:00:00Z")) {
            UUID run = UUID.randomUUID();
            roundTrip(
                    store,
                    QualityMeasurement.builder()
                            .eventId(UUID.randomUUID())
                            .occurredAt(AT)
                            .sessionId("s1")
                            .artifact(new ArtifactRef("skills/pdf/SKILL.md", "skill", "pdf"))
                            .metric(new QualityMetric("clarity", "user_feedback", 0.75))
                            .measuredBy("user")
                            .score(0.5)
                            .counts(2L, 1L)
                            .detail("errors", List.of("a", "b"))
                            .attribute("k", "v")
                            .build());
            roundTrip(
                    store,
                    Validation.builder()
                            .eventId(UUID.randomUUID())
                            .occurredAt(AT)
                            .sessionId("s1")
                            .component("plugin-toolkit", "plugin")
                            .artifact(new ArtifactRef("skills/t/SKILL.md", "skill", null))
                            .validator("skills-ref", "1.2")
                            .errors("no name")
                            .warnings("long", "longer")
                            .counts(3, 2)
                            .trigger("pre_commit")
                            .build());
            roundTrip(
                    store,
                    TestRun.builder()
                            .eventId(run)
                            .occurredAt(AT)
                            .sessionId("s1")
                            .artifact(ArtifactRef.of("web"))
                            .framework("jest")
                            .counts(5, 1, 1, 2)
                            .flaky(1)
                            .outcome(1234L, 1L)
                            .logPath("/tmp/log")
                            .report("/tmp/r.json", "ab12")
                            .commit("/repo", SHA, "explicit")
                            .build());
            roundTrip(
                    store,
                    new TestCaseResult(
                            UUID.randomUUID(),
                            AT,
                            null,
                            run,
                            "demo.A",
                            "t",
                            "suite",
                            "passed",
                            12L,
                            "java.lang.AssertionError",
                            "first try failed",
                            true,
                            2,
                            Map.of("k", 1)));
            roundTrip(
                    store,
                    new Commit(
                            UUID.randomUUID(),
                            AT,
                            null,
                            "/repo",
                            SHA,
                            List.of(PARENT),
                            "Ada",
                            "ada@example.com",
                            AT.minusSeconds(60),
                            "message\n\nbody",
                            2,
                            10,
                            3,
                            Map.of()));
            roundTrip(
                    store,
                    new CommitFile(UUID.randomUUID(), AT, null, SHA, "/repo/a.bin", "a.bin", null, null, Map.of()));
        }
    }

    @Test
    void badFieldsAreRefusedNamingTheFieldAndTheValue() {
        assertThatThrownBy(() -> TestRun.builder().framework("nose").build())
                .isInstanceOf(InvalidRecordException.class)
                .hasMessageContaining("framework")
                .hasMessageContaining("nose");
        assertThatThrownBy(() -> TestRun.builder()
                        .framework("junit")
                        .counts(1, 0, 0, 0)
                        .flaky(2)
                        .build())
                .hasMessageContaining("flaky")
                .hasMessageContaining("2");
        assertThatThrownBy(() -> TestRun.builder()
                        .framework("junit")
                        .commit("/r", SHA, null)
                        .build())
                .hasMessageContaining("commitRule");
        assertThatThrownBy(() -> TestRun.builder()
                        .framework("junit")
                        .commit("/r", null, "explicit")
                        .build())
                .hasMessageContaining("commitRule")
                .hasMessageContaining("no commitSha");
        assertThatThrownBy(() -> new TestCaseResult(
                        null,
                        null,
                        null,
                        UUID.randomUUID(),
                        "C",
                        "t",
                        null,
                        "failed",
                        null,
                        null,
                        null,
                        true,
                        1,
                        Map.of()))
                .hasMessageContaining("flaky")
                .hasMessageContaining("failed");
        assertThatThrownBy(() -> new TestCaseResult(
                        null,
                        null,
                        null,
                        UUID.randomUUID(),
                        "C",
                        "t",
                        null,
                        "broken",
                        null,
                        null,
                        null,
                        false,
                        0,
                        Map.of()))
                .hasMessageContaining("status")
                .hasMessageContaining("broken");
        assertThatThrownBy(() -> new TestCaseResult(
                        null, null, null, null, "C", "t", null, "passed", null, null, null, false, 0, Map.of()))
                .hasMessageContaining("testRunId");
        assertThatThrownBy(() -> Validation.builder().validator("v", null).build())
                .hasMessageContaining("componentName");
        assertThatThrownBy(() -> Validation.builder()
                        .component("c", null)
                        .validator("v", null)
                        .errors("a", "b")
                        .counts(1, 0)
                        .build())
                .hasMessageContaining("errorCount")
                .hasMessageContaining("2 errors");
        assertThatThrownBy(() -> Validation.builder()
                        .component("c", null)
                        .validator("v", null)
                        .trigger("cron")
                        .build())
                .hasMessageContaining("triggerType")
                .hasMessageContaining("cron");
        assertThatThrownBy(() -> QualityMeasurement.builder()
                        .metric(QualityMetric.of("m"))
                        .measuredBy("me")
                        .score(1)
                        .build())
                .hasMessageContaining("passed");
        assertThat(QualityMeasurement.builder()
                        .metric(new QualityMetric("m", null, 0.8))
                        .measuredBy("me")
                        .score(0.79)
                        .build()
                        .passed())
                .isFalse();
        assertThat(QualityMeasurement.builder()
                        .metric(new QualityMetric("m", null, 0.8))
                        .measuredBy("me")
                        .score(0.8)
                        .build()
                        .passed())
                .isTrue();
        assertThatThrownBy(() -> new QualityMetric("m", null, Double.NaN)).hasMessageContaining("passThreshold");
        assertThatThrownBy(() ->
                        new Commit(null, AT, null, "/r", "HEAD", List.of(), null, null, null, null, 0, 0, 0, Map.of()))
                .hasMessageContaining("sha")
                .hasMessageContaining("HEAD");
        assertThatThrownBy(() -> new Commit(
                        null, AT, null, "/r", SHA, List.of("abc"), null, null, null, null, 0, 0, 0, Map.of()))
                .hasMessageContaining("parentShas[0]");
        assertThatThrownBy(() -> new CommitFile(null, AT, null, SHA, "/r/a", "a", -1L, 0L, Map.of()))
                .hasMessageContaining("linesAdded");
    }
}
