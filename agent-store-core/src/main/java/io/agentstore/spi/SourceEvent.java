package io.agentstore.spi;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a source (the Claude Code importer, the hook drain, an OpenTelemetry receiver) saw happen, in words
 * that do not depend on the source's format. Sources hand events to the store ({@code AgentStore.apply});
 * each installed module turns the events it cares about into its own facts through the mappings it
 * registered with {@link ModuleBinder#mapping}. A module that is not installed sees nothing, and a source
 * never depends on a module.
 *
 * <p>Every event carries an {@link Envelope}: the source, the session, the agent, the project, when it
 * happened, a seed that is stable across replays of the same source data (mappings derive their facts' event
 * ids from it with {@link EventIds}, so that applying an event twice stores its facts once), and attributes.
 * Free text in events is as the source had it: a module stores it only after the store's redaction.
 */
public sealed interface SourceEvent {

    /** Source, session, agent, project, time, seed and attributes of one event. */
    Envelope envelope();

    /** The source's name, for example {@code "claude-code"}. */
    default String source() {
        return envelope().source();
    }

    /** The session id, or null. */
    default String sessionId() {
        return envelope().sessionId();
    }

    /** When it happened, or null when the source did not say (facts made from it get the store clock's instant). */
    default Instant occurredAt() {
        return envelope().occurredAt();
    }

    /** The seed of the event ids of the facts made from this event; stable across replays. */
    default String seed() {
        return envelope().seed();
    }

    /**
     * What every event carries.
     *
     * @param source     the source's name, for example {@code "claude-code"}; required
     * @param sessionId  the session, or null
     * @param agentName  the agent as the core schema names it ({@code dim_agent.agent_name}), or null
     * @param agentType  the agent's type ({@code main}, {@code subagent}, ...), or null
     * @param project    the project (for example the last folder of the working directory), or null
     * @param cwd        the working directory, or null
     * @param occurredAt when it happened, or null when the source did not say (a record without a timestamp):
     *                   facts made from it then get the store clock's instant, as any fact without one
     * @param seed       a text unique to this event within its source and kind and stable across replays
     *                   (for example the source's own line or message id); required
     * @param attributes anything else, as JSON values
     */
    record Envelope(
            String source,
            String sessionId,
            String agentName,
            String agentType,
            String project,
            String cwd,
            Instant occurredAt,
            String seed,
            Map<String, Object> attributes) {
        /** Validates the parts; a bad one throws {@link InvalidRecordException} naming it. */
        public Envelope {
            Checks.required("source", source);
            Checks.optional("sessionId", sessionId);
            Checks.text("agentName", agentName);
            Checks.text("agentType", agentType);
            Checks.text("project", project);
            Checks.text("cwd", cwd);
            occurredAt = occurredAt == null ? null : Checks.instant("occurredAt", occurredAt);
            Checks.required("seed", seed);
            attributes = Json.normalizeObject("attributes", attributes);
        }
    }

    /**
     * One model API call: request id and token counts.
     *
     * @param envelope          see {@link Envelope}
     * @param requestId         the provider's request id, or null
     * @param messageId         the response message id, or null
     * @param model             the model, or null
     * @param inputTokens       input tokens, or null
     * @param outputTokens      output tokens, or null
     * @param cacheReadTokens   tokens read from the prompt cache, or null
     * @param cacheWriteTokens  tokens written to the prompt cache, or null
     */
    record ApiCall(
            Envelope envelope,
            String requestId,
            String messageId,
            String model,
            Long inputTokens,
            Long outputTokens,
            Long cacheReadTokens,
            Long cacheWriteTokens)
            implements SourceEvent {
        /** Validates the parts. */
        public ApiCall {
            Objects.requireNonNull(envelope, "envelope must not be null");
            Checks.text("requestId", requestId);
            Checks.text("messageId", messageId);
            Checks.text("model", model);
            Checks.tokens("inputTokens", inputTokens);
            Checks.tokens("outputTokens", outputTokens);
            Checks.tokens("cacheReadTokens", cacheReadTokens);
            Checks.tokens("cacheWriteTokens", cacheWriteTokens);
        }
    }

    /**
     * One tool call with its result.
     *
     * @param envelope  see {@link Envelope}
     * @param toolUseId the source's id of the call, or null
     * @param toolName  the tool; required
     * @param input     the input as JSON values (a Bash command, a file's content: free text)
     * @param result    the result text, or null when none came
     * @param isError   whether the result is an error, or null when unknown
     */
    record ToolCall(
            Envelope envelope,
            String toolUseId,
            String toolName,
            Map<String, Object> input,
            String result,
            Boolean isError)
            implements SourceEvent {
        /** Validates the parts. */
        public ToolCall {
            Objects.requireNonNull(envelope, "envelope must not be null");
            Checks.text("toolUseId", toolUseId);
            Checks.required("toolName", toolName);
            input = Json.normalizeObject("input", input);
            Checks.text("result", result);
        }
    }

    /**
     * What the user typed.
     *
     * @param envelope see {@link Envelope}
     * @param text     the prompt; required
     */
    record UserPrompt(Envelope envelope, String text) implements SourceEvent {
        /** Validates the parts. */
        public UserPrompt {
            Objects.requireNonNull(envelope, "envelope must not be null");
            Checks.required("text", text);
        }
    }

    /**
     * The text of an assistant response.
     *
     * @param envelope  see {@link Envelope}
     * @param messageId the response message id, or null
     * @param model     the model, or null
     * @param text      the text; required
     */
    record ResponseText(Envelope envelope, String messageId, String model, String text) implements SourceEvent {
        /** Validates the parts. */
        public ResponseText {
            Objects.requireNonNull(envelope, "envelope must not be null");
            Checks.text("messageId", messageId);
            Checks.text("model", model);
            Checks.required("text", text);
        }
    }

    /**
     * Work handed to a sub-agent.
     *
     * @param envelope        see {@link Envelope} (the parent's session and agent)
     * @param parentSessionId the session that started the sub-agent, or null
     * @param agentId         the sub-agent's id, or null when the source does not know it yet
     * @param agentType       the sub-agent's type, or null
     * @param prompt          the prompt it was given, or null
     */
    record SubAgentLink(Envelope envelope, String parentSessionId, String agentId, String agentType, String prompt)
            implements SourceEvent {
        /** Validates the parts. */
        public SubAgentLink {
            Objects.requireNonNull(envelope, "envelope must not be null");
            Checks.text("parentSessionId", parentSessionId);
            Checks.text("agentId", agentId);
            Checks.text("agentType", agentType);
            Checks.text("prompt", prompt);
        }
    }

    /**
     * The whole todo list as an agent wrote it.
     *
     * @param envelope see {@link Envelope}
     * @param todos    the items, in order
     */
    record TodoSnapshot(Envelope envelope, List<Todo> todos) implements SourceEvent {
        /** Validates and copies. */
        public TodoSnapshot {
            Objects.requireNonNull(envelope, "envelope must not be null");
            todos = todos == null ? List.of() : List.copyOf(todos);
        }
    }

    /**
     * One item of a {@link TodoSnapshot}.
     *
     * @param content    what to do; required
     * @param status     {@code pending}, {@code in_progress}, {@code completed} or the source's word, or null
     * @param activeForm the item in the present continuous, or null
     */
    record Todo(String content, String status, String activeForm) {
        /** Validates the parts. */
        public Todo {
            Checks.required("content", content);
            Checks.text("status", status);
            Checks.text("activeForm", activeForm);
        }
    }

    /**
     * A skill (or slash command) the agent used.
     *
     * @param envelope  see {@link Envelope}
     * @param skill     the skill's name; required
     * @param arguments its arguments as text, or null
     */
    record SkillUse(Envelope envelope, String skill, String arguments) implements SourceEvent {
        /** Validates the parts. */
        public SkillUse {
            Objects.requireNonNull(envelope, "envelope must not be null");
            Checks.required("skill", skill);
            Checks.text("arguments", arguments);
        }
    }

    /**
     * A slash command the user ran ({@code /model}, {@code /clear}, a project's own {@code /review}), as the
     * session's transcript recorded it, with the model in effect when it ran.
     *
     * @param envelope  see {@link Envelope}
     * @param command   the command with its slash, for example {@code "/model"}; required
     * @param arguments its arguments as text, or null when it had none
     * @param output    what the command printed locally (without terminal escapes), or null when nothing came
     * @param model     the model in effect when it ran, or null when the source does not know it
     */
    record SlashCommand(Envelope envelope, String command, String arguments, String output, String model)
            implements SourceEvent {
        /** Validates the parts. */
        public SlashCommand {
            Objects.requireNonNull(envelope, "envelope must not be null");
            Checks.required("command", command);
            Checks.text("arguments", arguments);
            Checks.text("output", output);
            Checks.text("model", model);
        }
    }

    /**
     * The context was compacted.
     *
     * @param envelope  see {@link Envelope}
     * @param trigger   {@code auto}, {@code manual} or the source's word, or null
     * @param preTokens the context size before, or null
     * @param model     the model the session last used, or null
     * @param provider  that model's provider, or null
     */
    record Compaction(Envelope envelope, String trigger, Long preTokens, String model, String provider)
            implements SourceEvent {
        /** Validates the parts. */
        public Compaction {
            Objects.requireNonNull(envelope, "envelope must not be null");
            Checks.text("trigger", trigger);
            Checks.tokens("preTokens", preTokens);
            Checks.text("model", model);
            Checks.text("provider", provider);
        }
    }

    /**
     * A hook's answer (allow, deny, ask, block) to an agent's action.
     *
     * @param envelope  see {@link Envelope}
     * @param hookEvent the hook, for example {@code PreToolUse}; required
     * @param toolName  the tool the decision is about, or null
     * @param decision  the decision; required
     * @param reason    why, or null
     */
    record HookDecision(Envelope envelope, String hookEvent, String toolName, String decision, String reason)
            implements SourceEvent {
        /** Validates the parts. */
        public HookDecision {
            Objects.requireNonNull(envelope, "envelope must not be null");
            Checks.required("hookEvent", hookEvent);
            Checks.text("toolName", toolName);
            Checks.required("decision", decision);
            Checks.text("reason", reason);
        }
    }

    /**
     * A sub-agent finished (Claude Code's {@code SubagentStop} hook): the end of the work it was given.
     *
     * @param envelope      see {@link Envelope} (the parent's session)
     * @param agentId       the sub-agent's id, or null when the source does not say (older versions)
     * @param agentType     the sub-agent's type, or null
     * @param lastMessage   the sub-agent's last message, or null (free text)
     */
    record SubAgentStop(Envelope envelope, String agentId, String agentType, String lastMessage)
            implements SourceEvent {
        /** Validates the parts. */
        public SubAgentStop {
            Objects.requireNonNull(envelope, "envelope must not be null");
            Checks.text("agentId", agentId);
            Checks.text("agentType", agentType);
            Checks.text("lastMessage", lastMessage);
        }
    }

    /**
     * A retrieval: an agent asked a data source (a vector store, a search index, a knowledge base) for the documents
     * relevant to a query, as the OpenTelemetry GenAI {@code retrieval} span describes it.
     *
     * @param envelope     see {@link Envelope}
     * @param dataSourceId the data source ({@code gen_ai.data_source.id}), or null
     * @param query        the query text (free text), or null when the source did not record it
     * @param topK         how many documents were asked for, or null
     * @param documents    the documents returned, best first (possibly none: the source may not record them)
     */
    record Retrieval(Envelope envelope, String dataSourceId, String query, Long topK, List<RetrievedDocument> documents)
            implements SourceEvent {
        /** Validates the parts and copies the list. */
        public Retrieval {
            Objects.requireNonNull(envelope, "envelope must not be null");
            Checks.text("dataSourceId", dataSourceId);
            Checks.text("query", query);
            if (topK != null && topK < 0) {
                throw new InvalidRecordException("topK", topK, "must not be negative");
            }
            documents = List.copyOf(Objects.requireNonNull(documents, "documents must not be null"));
        }
    }

    /**
     * A task of an agent team's shared task list as a hook reported it (Claude Code's {@code TaskCreated} and
     * {@code TaskCompleted}): created, or completed, by a teammate.
     *
     * @param envelope     see {@link Envelope}
     * @param taskId       the task's id in its team's list; required
     * @param subject      the task's title, or null
     * @param description  what to do, or null (free text)
     * @param status       {@code pending} (created) or {@code completed}; required
     * @param teammateName the teammate that created or completed it, or null
     * @param teamName     the team, or null
     */
    record TeamTask(
            Envelope envelope,
            String taskId,
            String subject,
            String description,
            String status,
            String teammateName,
            String teamName)
            implements SourceEvent {
        /** Validates the parts. */
        public TeamTask {
            Objects.requireNonNull(envelope, "envelope must not be null");
            Checks.required("taskId", taskId);
            Checks.text("subject", subject);
            Checks.text("description", description);
            Checks.required("status", status);
            Checks.text("teammateName", teammateName);
            Checks.text("teamName", teamName);
        }
    }

    /**
     * One document a {@link Retrieval} returned.
     *
     * @param id    the data source's id of the document; required
     * @param score the retriever's score, or null
     */
    record RetrievedDocument(String id, Double score) {
        /** Validates the parts. */
        public RetrievedDocument {
            Checks.required("id", id);
            if (score != null && !Double.isFinite(score)) {
                throw new InvalidRecordException("score", score, "must be a finite number");
            }
        }
    }

    /**
     * A teammate of an agent team went idle (Claude Code's {@code TeammateIdle} hook), with the work the hook
     * suggested to it.
     *
     * @param envelope      see {@link Envelope}
     * @param teammateName  the teammate; required
     * @param teamName      the team, or null
     * @param suggestedWork the ids of the work items the hook's answer suggested, best first; empty when none was,
     *                      null when the hook did not answer (nothing is known of a suggestion)
     */
    record TeammateIdle(Envelope envelope, String teammateName, String teamName, List<String> suggestedWork)
            implements SourceEvent {
        /** Validates and copies. */
        public TeammateIdle {
            Objects.requireNonNull(envelope, "envelope must not be null");
            Checks.required("teammateName", teammateName);
            Checks.text("teamName", teamName);
            suggestedWork = suggestedWork == null ? null : List.copyOf(suggestedWork);
        }
    }
}
