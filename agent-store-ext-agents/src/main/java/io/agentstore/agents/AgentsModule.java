package io.agentstore.agents;

import io.agentstore.AgentStore;
import io.agentstore.agents.internal.AgentsFactTypes;
import io.agentstore.spi.Migration;
import io.agentstore.spi.ModuleBinder;
import io.agentstore.spi.SchemaModule;
import io.agentstore.spi.SourceEvent;
import java.util.List;
import java.util.Objects;

/**
 * The agents schema module: multi-agent coordination (work items, capabilities, assignments and claims that hold
 * under concurrency, handoffs, conflicts found in file modifications), the FLAGS and TODOS systems, skill
 * invocations and user intents. Install it with {@code AgentStore.builder().install(AgentsModule.create())} and
 * use it through {@code store.module(AgentsFacade.class)} or {@link #of(AgentStore)}.
 *
 * <p>Its DDL is {@code sql/agents/} (packaged as {@code agent-store/agents/}); its reference queries are
 * {@code sql/queries/agents/}. It requires only core.
 */
public final class AgentsModule implements SchemaModule {
    private static final AgentsModule DEFAULT = new AgentsModule();

    private AgentsModule() {}

    /** The module. */
    public static AgentsModule create() {
        return DEFAULT;
    }

    /** The agents facade of a store that has this module installed. */
    public static AgentsFacade of(AgentStore store) {
        return Objects.requireNonNull(store, "store must not be null").module(AgentsFacade.class);
    }

    @Override
    public String id() {
        return "agents";
    }

    @Override
    public List<Migration> migrations() {
        return List.of(Migration.of("V1__agents_schema.sql"), Migration.of("V2__agent_teams.sql"));
    }

    @Override
    public List<String> repeatables() {
        return List.of("R__agents_views.sql");
    }

    @Override
    public void bind(ModuleBinder binder) {
        binder.fact(WorkStatus.class, AgentsFactTypes.WORK_STATUS);
        binder.fact(AgentCapability.class, AgentsFactTypes.AGENT_CAPABILITY);
        binder.fact(WorkAssignment.class, AgentsFactTypes.WORK_ASSIGNMENT);
        binder.fact(Handoff.class, AgentsFactTypes.HANDOFF);
        binder.fact(Conflict.class, AgentsFactTypes.CONFLICT);
        binder.fact(Flag.class, AgentsFactTypes.FLAG);
        binder.fact(FlagStatus.class, AgentsFactTypes.FLAG_STATUS);
        binder.fact(Todo.class, AgentsFactTypes.TODO);
        binder.fact(TodoStatus.class, AgentsFactTypes.TODO_STATUS);
        binder.fact(TodoDependency.class, AgentsFactTypes.TODO_DEPENDENCY);
        binder.fact(TodoAssignment.class, AgentsFactTypes.TODO_ASSIGNMENT);
        binder.fact(SkillInvocation.class, AgentsFactTypes.SKILL_INVOCATION);
        binder.fact(SessionIntent.class, AgentsFactTypes.SESSION_INTENT);
        binder.fact(TeammateIdle.class, AgentsFactTypes.TEAMMATE_IDLE);
        binder.facade(AgentsFacade.class, AgentsFacade::new);
        AgentsTools.all().forEach(binder::tool);
        binder.mapping(SourceEvent.SubAgentLink.class, EventMappings::subAgentLink);
        binder.mapping(SourceEvent.ToolCall.class, EventMappings::subAgentOutcome);
        binder.mapping(SourceEvent.ToolCall.class, AgentTeams::toolCall);
        binder.mapping(SourceEvent.TeamTask.class, AgentTeams::teamTask);
        binder.mapping(SourceEvent.TeammateIdle.class, AgentTeams::teammateIdle);
        binder.mapping(SourceEvent.SubAgentStop.class, EventMappings::subAgentStop);
        binder.mapping(SourceEvent.SkillUse.class, EventMappings::skillUse);
        binder.mapping(SourceEvent.UserPrompt.class, EventMappings::prompt);
        binder.mapping(SourceEvent.UserPrompt.class, AgentTeams::teammateMessages);
        binder.mapping(
                SourceEvent.TodoSnapshot.class,
                (event, context) -> EventMappings.todoSnapshot(
                        event, context, context.facade(AgentsFacade.class).todoLists()));
    }

    @Override
    public String toString() {
        return "AgentsModule";
    }
}
