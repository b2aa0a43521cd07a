package io.agentstore.quality;

import io.agentstore.AgentStore;
import io.agentstore.core.IngestError;
import io.agentstore.quality.internal.QualityFactTypes;
import io.agentstore.quality.internal.QualityTools;
import io.agentstore.quality.internal.TestCommandMapping;
import io.agentstore.spi.Migration;
import io.agentstore.spi.ModuleBinder;
import io.agentstore.spi.SchemaModule;
import io.agentstore.spi.SourceEvent;
import java.util.List;
import java.util.Objects;

/**
 * The quality schema module: quality metrics and measurements, validations, test runs and their test cases
 * (imported from JUnit XML, Jest and Vitest reports), commits read from git, and the regression queries of
 * use case 3. Install it with {@code AgentStore.builder().install(QualityModule.create())} and use it
 * through {@code store.module(QualityFacade.class)} or {@link #of(AgentStore)}.
 *
 * <p>Its DDL is {@code sql/quality/} (packaged as {@code agent-store/quality/}); its reference queries are
 * {@code sql/queries/quality/}. It requires only core. Report files that cannot be read are recorded as core
 * {@link IngestError} facts. Agents reach it through the tools {@code get_quality_trend},
 * {@code check_for_regressions}, {@code suggest_tests_for_artifact} and {@code get_test_history}. A Bash tool
 * call that ran a test command (from the Claude Code importer or the hooks) becomes a test run.
 */
public final class QualityModule implements SchemaModule {
    private static final QualityModule INSTANCE = new QualityModule();

    private QualityModule() {}

    /** The module. */
    public static QualityModule create() {
        return INSTANCE;
    }

    /** The quality facade of a store that has this module installed. */
    public static QualityFacade of(AgentStore store) {
        return Objects.requireNonNull(store, "store must not be null").module(QualityFacade.class);
    }

    @Override
    public String id() {
        return "quality";
    }

    @Override
    public List<Migration> migrations() {
        return List.of(Migration.of("V1__quality_schema.sql"));
    }

    @Override
    public List<String> repeatables() {
        return List.of("R__quality_views.sql");
    }

    @Override
    public void bind(ModuleBinder binder) {
        binder.fact(QualityMeasurement.class, QualityFactTypes.MEASUREMENT);
        binder.fact(Validation.class, QualityFactTypes.VALIDATION);
        binder.fact(TestRun.class, QualityFactTypes.TEST_RUN);
        binder.fact(TestCaseResult.class, QualityFactTypes.TEST_CASE_RESULT);
        binder.fact(Commit.class, QualityFactTypes.COMMIT);
        binder.fact(CommitFile.class, QualityFactTypes.COMMIT_FILE);
        binder.facade(QualityFacade.class, QualityFacade::new);
        QualityTools.all(QualityFacade::query).forEach(binder::tool);
        binder.mapping(SourceEvent.ToolCall.class, new TestCommandMapping());
        binder.mapping(SourceEvent.ToolCall.class, new HookReportMapping());
    }

    @Override
    public String toString() {
        return "QualityModule";
    }
}
