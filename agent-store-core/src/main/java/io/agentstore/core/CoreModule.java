package io.agentstore.core;

import io.agentstore.core.internal.CoreFactTypes;
import io.agentstore.spi.Migration;
import io.agentstore.spi.ModuleBinder;
import io.agentstore.spi.SchemaModule;
import java.util.List;
import java.util.Set;

/**
 * The core schema: agents, sessions, tasks, components, models, tools and files; tool calls, API calls,
 * decisions, task outcomes, session events, errors and file modifications. Always installed.
 */
public final class CoreModule implements SchemaModule {
    private static final CoreModule INSTANCE = new CoreModule();

    private CoreModule() {}

    /** The core module. */
    public static CoreModule create() {
        return INSTANCE;
    }

    @Override
    public String id() {
        return "core";
    }

    @Override
    public Set<String> requires() {
        return Set.of();
    }

    @Override
    public List<Migration> migrations() {
        return List.of(
                Migration.of("V1__core_schema.sql"),
                Migration.of("V2__store_identity.sql"),
                Migration.of("V3__lifecycle.sql"),
                Migration.of("V4__session_user.sql"));
    }

    @Override
    public List<String> repeatables() {
        return List.of("R__core_views.sql", "R__core_lifecycle.sql");
    }

    @Override
    public void bind(ModuleBinder binder) {
        binder.fact(ToolCall.class, CoreFactTypes.TOOL_CALL);
        binder.fact(ApiCall.class, CoreFactTypes.API_CALL);
        binder.fact(Decision.class, CoreFactTypes.DECISION);
        binder.fact(TaskOutcome.class, CoreFactTypes.TASK_OUTCOME);
        binder.fact(SessionEvent.class, CoreFactTypes.SESSION_EVENT);
        binder.fact(ErrorEvent.class, CoreFactTypes.ERROR);
        binder.fact(FileModification.class, CoreFactTypes.FILE_MODIFICATION);
        binder.fact(IngestRun.class, CoreFactTypes.INGEST_RUN);
        binder.fact(IngestError.class, CoreFactTypes.INGEST_ERROR);
        binder.facade(CoreFacade.class, CoreFacade::new);
        CoreTools.all().forEach(binder::tool);
    }
}
