package io.agentstore.quality.internal;

import static io.agentstore.core.CoreDimensions.component;
import static io.agentstore.core.CoreDimensions.file;
import static io.agentstore.core.CoreDimensions.session;

import io.agentstore.quality.ArtifactRef;
import io.agentstore.quality.Commit;
import io.agentstore.quality.CommitFile;
import io.agentstore.quality.QualityMeasurement;
import io.agentstore.quality.QualityMetric;
import io.agentstore.quality.TestCaseResult;
import io.agentstore.quality.TestRun;
import io.agentstore.quality.Validation;
import io.agentstore.spi.Dimension;
import io.agentstore.spi.FactContext;
import io.agentstore.spi.FactRow;
import io.agentstore.spi.FactType;
import io.agentstore.spi.Row;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** The dimensions and fact types of the quality schema: each record's columns, in table order, and the way back. */
public final class QualityFactTypes {
    /** {@code dim_quality_metric}. */
    public static final Dimension METRIC = Dimension.type1(
            "dim_quality_metric",
            "quality_metric_key",
            List.of("metric_name"),
            List.of("metric_type", "pass_threshold"));
    /** {@code dim_artifact}. */
    public static final Dimension ARTIFACT = Dimension.type1(
            "dim_artifact", "artifact_key", List.of("artifact_path"), List.of("artifact_type", "component_key"));
    /** {@code dim_test_case}. */
    public static final Dimension TEST_CASE =
            Dimension.type1("dim_test_case", "test_case_key", List.of("class_name", "test_name"), List.of());

    private QualityFactTypes() {}

    private static Long artifact(FactContext c, ArtifactRef a) {
        if (a == null) {
            return null;
        }
        Long componentKey = a.componentName() == null ? null : component(c, a.componentName(), null, null);
        return c.key(ARTIFACT, List.of(a.path()), Arrays.asList(a.type(), componentKey));
    }

    private static ArtifactRef artifactOf(Row row) {
        String path = row.string("artifact_path");
        return path == null ? null : new ArtifactRef(path, row.string("artifact_type"), row.string("component_name"));
    }

    @SuppressWarnings("unchecked")
    private static List<String> strings(Row row, String column) {
        Object v = row.json(column);
        return v == null ? List.of() : (List<String>) v;
    }

    /** {@code fact_quality_measurement}. */
    public static final FactType<QualityMeasurement> MEASUREMENT = new FactType<>() {
        @Override
        public String table() {
            return "fact_quality_measurement";
        }

        @Override
        public String view() {
            return "v_quality_measurements";
        }

        @Override
        public void write(QualityMeasurement r, FactContext c, FactRow row) {
            QualityMetric m = r.metric();
            row.int64(session(c, r.sessionId()))
                    .int64(artifact(c, r.artifact()))
                    .int64(c.key(METRIC, List.of(m.name()), Arrays.asList(m.type(), m.passThreshold())))
                    .text(r.measuredBy())
                    .float64(r.score())
                    .bool(r.passed())
                    .int64(r.errorCount())
                    .int64(r.warningCount())
                    .json(r.details().isEmpty() ? null : r.details());
        }

        @Override
        public QualityMeasurement read(Row row) {
            Map<String, Object> details = row.jsonObject("details");
            return new QualityMeasurement(
                    row.uuid("event_id"),
                    row.instant("occurred_at"),
                    row.uuid("supersedes_event_id"),
                    row.string("session_id"),
                    artifactOf(row),
                    new QualityMetric(
                            row.string("metric_name"), row.string("metric_type"), row.float64("pass_threshold")),
                    row.string("measured_by"),
                    row.float64("score"),
                    row.bool("is_passed"),
                    row.int64("error_count"),
                    row.int64("warning_count"),
                    details,
                    row.jsonObject("attributes"));
        }
    };

    /** {@code fact_validation}. */
    public static final FactType<Validation> VALIDATION = new FactType<>() {
        @Override
        public String table() {
            return "fact_validation";
        }

        @Override
        public String view() {
            return "v_validations";
        }

        @Override
        public void write(Validation r, FactContext c, FactRow row) {
            Long componentKey =
                    r.componentName() == null ? null : component(c, r.componentName(), r.componentType(), null);
            row.int64(session(c, r.sessionId()))
                    .int64(componentKey)
                    .int64(artifact(c, r.artifact()))
                    .text(r.validatorName())
                    .text(r.validatorVersion())
                    .bool(r.valid())
                    .int64(r.errorCount())
                    .int64(r.warningCount())
                    .json(r.errors())
                    .json(r.warnings())
                    .text(r.triggerType());
        }

        @Override
        public Validation read(Row row) {
            String path = row.string("artifact_path");
            ArtifactRef a = path == null ? null : new ArtifactRef(path, row.string("artifact_type"), null);
            return new Validation(
                    row.uuid("event_id"),
                    row.instant("occurred_at"),
                    row.uuid("supersedes_event_id"),
                    row.string("session_id"),
                    row.string("component_name"),
                    row.string("component_type"),
                    a,
                    row.string("validator_name"),
                    row.string("validator_version"),
                    row.bool("is_valid"),
                    strings(row, "errors"),
                    strings(row, "warnings"),
                    row.int64("error_count"),
                    row.int64("warning_count"),
                    row.string("trigger_type"),
                    row.jsonObject("attributes"));
        }
    };

    /** {@code fact_test_run}. */
    public static final FactType<TestRun> TEST_RUN = new FactType<>() {
        @Override
        public String table() {
            return "fact_test_run";
        }

        @Override
        public String view() {
            return "v_test_runs";
        }

        @Override
        public void write(TestRun r, FactContext c, FactRow row) {
            row.int64(session(c, r.sessionId()))
                    .int64(artifact(c, r.artifact()))
                    .text(r.framework())
                    .int64(r.totalTests())
                    .int64(r.passed())
                    .int64(r.failed())
                    .int64(r.errors())
                    .int64(r.skipped())
                    .int64(r.flaky())
                    .int64(r.durationMs())
                    .int64(r.exitCode())
                    .text(r.logPath())
                    .text(r.reportPath())
                    .text(r.reportHash())
                    .text(r.repository())
                    .text(r.commitSha())
                    .text(r.commitRule());
        }

        @Override
        public TestRun read(Row row) {
            String path = row.string("artifact_path");
            ArtifactRef a = path == null ? null : new ArtifactRef(path, row.string("artifact_type"), null);
            return new TestRun(
                    row.uuid("event_id"),
                    row.instant("occurred_at"),
                    row.uuid("supersedes_event_id"),
                    row.string("session_id"),
                    a,
                    row.string("framework"),
                    row.int64("total_tests"),
                    row.int64("passed"),
                    row.int64("failed"),
                    row.int64("errors"),
                    row.int64("skipped"),
                    row.int64("flaky"),
                    row.int64("duration_ms"),
                    row.int64("exit_code"),
                    row.string("log_path"),
                    row.string("report_path"),
                    row.string("report_hash"),
                    row.string("repository"),
                    row.string("commit_sha"),
                    row.string("commit_rule"),
                    row.jsonObject("attributes"));
        }
    };

    /** {@code fact_test_case}. */
    public static final FactType<TestCaseResult> TEST_CASE_RESULT = new FactType<>() {
        @Override
        public String table() {
            return "fact_test_case";
        }

        @Override
        public String view() {
            return "v_test_cases";
        }

        @Override
        public void write(TestCaseResult r, FactContext c, FactRow row) {
            row.uuid(r.testRunId())
                    .int64(c.key(TEST_CASE, List.of(r.className(), r.testName()), List.of()))
                    .text(r.suiteName())
                    .text(r.status())
                    .int64(r.durationMs())
                    .text(r.failureType())
                    .text(r.failureMessage())
                    .bool(r.flaky())
                    .int64(r.rerunCount());
        }

        @Override
        public TestCaseResult read(Row row) {
            return new TestCaseResult(
                    row.uuid("event_id"),
                    row.instant("occurred_at"),
                    row.uuid("supersedes_event_id"),
                    row.uuid("test_run_id"),
                    row.string("class_name"),
                    row.string("test_name"),
                    row.string("suite_name"),
                    row.string("status"),
                    row.int64("duration_ms"),
                    row.string("failure_type"),
                    row.string("failure_message"),
                    row.bool("is_flaky"),
                    row.int64("rerun_count"),
                    row.jsonObject("attributes"));
        }
    };

    /** {@code fact_commit}. */
    public static final FactType<Commit> COMMIT = new FactType<>() {
        @Override
        public String table() {
            return "fact_commit";
        }

        @Override
        public String view() {
            return "v_commits";
        }

        @Override
        public void write(Commit r, FactContext c, FactRow row) {
            row.text(r.repository())
                    .text(r.sha())
                    .json(r.parentShas())
                    .text(r.authorName())
                    .text(r.authorEmail())
                    .timestamp(r.authoredAt())
                    .text(r.message())
                    .int64(r.filesChanged())
                    .int64(r.linesAdded())
                    .int64(r.linesDeleted());
        }

        @Override
        public Commit read(Row row) {
            return new Commit(
                    row.uuid("event_id"),
                    row.instant("occurred_at"),
                    row.uuid("supersedes_event_id"),
                    row.string("repository"),
                    row.string("commit_sha"),
                    strings(row, "parent_shas"),
                    row.string("author_name"),
                    row.string("author_email"),
                    row.instant("authored_at"),
                    row.string("message"),
                    row.int64("files_changed"),
                    row.int64("lines_added"),
                    row.int64("lines_deleted"),
                    row.jsonObject("attributes"));
        }
    };

    /** {@code commit_file_map}. */
    public static final FactType<CommitFile> COMMIT_FILE = new FactType<>() {
        @Override
        public String table() {
            return "commit_file_map";
        }

        @Override
        public String view() {
            return "v_commit_files";
        }

        @Override
        public void write(CommitFile r, FactContext c, FactRow row) {
            row.text(r.commitSha())
                    .int64(file(c, r.filePath()))
                    .text(r.relativePath())
                    .int64(r.linesAdded())
                    .int64(r.linesDeleted());
        }

        @Override
        public CommitFile read(Row row) {
            return new CommitFile(
                    row.uuid("event_id"),
                    row.instant("occurred_at"),
                    row.uuid("supersedes_event_id"),
                    row.string("commit_sha"),
                    row.string("file_path"),
                    row.string("relative_path"),
                    row.int64("lines_added"),
                    row.int64("lines_deleted"),
                    row.jsonObject("attributes"));
        }
    };
}
