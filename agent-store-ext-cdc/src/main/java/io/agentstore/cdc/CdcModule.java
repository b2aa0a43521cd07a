package io.agentstore.cdc;

import io.agentstore.AgentStore;
import io.agentstore.cdc.check.Checker;
import io.agentstore.cdc.check.FileChecker;
import io.agentstore.cdc.check.GitChecker;
import io.agentstore.cdc.check.HttpChecker;
import io.agentstore.cdc.internal.CdcFactTypes;
import io.agentstore.spi.Migration;
import io.agentstore.spi.ModuleBinder;
import io.agentstore.spi.SchemaModule;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The cdc schema module: change data capture of what an agent's work depends on (docs, git repositories, API
 * contracts, schemas, configs, services, package manifests), with checkers, structural differs whose every
 * classification names its rule, and the impact cascade over the components that depend on each dependency.
 * Install it with {@code AgentStore.builder().install(CdcModule.create())} and use it through {@link #of}.
 *
 * <p>Its DDL is {@code sql/cdc/}; its reference queries are {@code sql/queries/cdc/}. It requires the tokens
 * module, whose component measurements {@code v_skill_budget} reads.
 */
public final class CdcModule implements SchemaModule {
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    private static final CdcModule DEFAULT = new CdcModule(defaultCheckers(DEFAULT_TIMEOUT));

    private final List<Checker> checkers;

    private CdcModule(List<Checker> checkers) {
        this.checkers = List.copyOf(checkers);
    }

    private static List<Checker> defaultCheckers(Duration timeout) {
        return List.of(
                GitChecker.withTimeout(timeout.multipliedBy(3)), HttpChecker.withTimeout(timeout), new FileChecker());
    }

    /** The module with the bundled checkers (git, HTTP with a 10-second timeout, files). */
    public static CdcModule create() {
        return DEFAULT;
    }

    /**
     * The module with the bundled checkers bounded by {@code timeout} (git gets three times as long).
     *
     * @throws IllegalArgumentException when the timeout is not positive
     */
    public static CdcModule withTimeout(Duration timeout) {
        return new CdcModule(defaultCheckers(Objects.requireNonNull(timeout, "timeout must not be null")));
    }

    /** The module with these checkers, tried in order (the first that accepts a source checks it). */
    public static CdcModule withCheckers(List<Checker> checkers) {
        Objects.requireNonNull(checkers, "checkers must not be null");
        if (checkers.isEmpty()) {
            throw new IllegalArgumentException("checkers must not be empty");
        }
        return new CdcModule(checkers);
    }

    /** The cdc facade of a store that has this module installed. */
    public static CdcFacade of(AgentStore store) {
        return Objects.requireNonNull(store, "store must not be null").module(CdcFacade.class);
    }

    @Override
    public String id() {
        return "cdc";
    }

    @Override
    public Set<String> requires() {
        return Set.of("tokens");
    }

    @Override
    public List<Migration> migrations() {
        return List.of(Migration.of("V1__cdc_schema.sql"));
    }

    @Override
    public List<String> repeatables() {
        return List.of("R__cdc_views.sql", "R__cdc_budget.sql");
    }

    @Override
    public void bind(ModuleBinder binder) {
        binder.fact(SourceRegistration.class, CdcFactTypes.SOURCE_REGISTRATION);
        binder.fact(WatermarkCheck.class, CdcFactTypes.WATERMARK_CHECK);
        binder.fact(DependencyCheck.class, CdcFactTypes.DEPENDENCY_CHECK);
        binder.fact(Change.class, CdcFactTypes.CHANGE);
        binder.fact(Validation.class, CdcFactTypes.VALIDATION);
        binder.fact(UpdateAttempt.class, CdcFactTypes.UPDATE_ATTEMPT);
        binder.fact(ComponentDependency.class, CdcFactTypes.COMPONENT_DEPENDENCY);
        binder.fact(SkillSource.class, CdcFactTypes.SKILL_SOURCE);
        binder.facade(CdcFacade.class, context -> new CdcFacade(context, checkers));
        CdcTools.all().forEach(binder::tool);
    }

    @Override
    public String toString() {
        return "CdcModule" + checkers.stream().map(Checker::id).toList();
    }
}
