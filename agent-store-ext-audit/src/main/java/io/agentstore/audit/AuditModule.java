package io.agentstore.audit;

import io.agentstore.AgentStore;
import io.agentstore.audit.internal.AuditChain;
import io.agentstore.audit.internal.AuditFactTypes;
import io.agentstore.spi.EventIds;
import io.agentstore.spi.Migration;
import io.agentstore.spi.ModuleBinder;
import io.agentstore.spi.SchemaModule;
import io.agentstore.spi.SourceEvent;
import io.agentstore.spi.StoreContext;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The audit schema module (use case 8 of the reference): every prompt and response on record, prompt
 * templates, feedback, and the users that recorded them. Install it with
 * {@code AgentStore.builder().install(AuditModule.create())} and use it through {@link #of(AgentStore)}.
 *
 * <p>It maps the source-neutral {@link SourceEvent.UserPrompt} and {@link SourceEvent.ResponseText} events
 * (from the transcript importer and the hooks) to prompts and responses; their text is redacted before it
 * is stored. Its DDL is {@code sql/audit/}; its reference queries are {@code sql/queries/audit/}.
 */
public final class AuditModule implements SchemaModule {
    private static final AuditModule DEFAULT = new AuditModule(Optional.empty());

    /** The query log setting: empty follows the environment ({@code AGENT_STORE_QUERY_LOG=on}). */
    private final Optional<Boolean> queryLog;

    private AuditModule(Optional<Boolean> queryLog) {
        this.queryLog = queryLog;
    }

    /**
     * The module. Its optional query log ({@code fact_query_log}) is off unless the environment variable
     * {@code AGENT_STORE_QUERY_LOG} is {@code on}; see {@link #withQueryLog}.
     */
    public static AuditModule create() {
        return DEFAULT;
    }

    /**
     * The module with the query log on or off whatever the environment says: every query run through the store while
     * an origin is set (the CLI command or MCP tool; {@code AgentStore.withOrigin}) becomes a {@link QueryLogEntry}.
     * Entries are spooled beside the database and recorded in batches: every 500 queries, when the store closes, when
     * a writable open starts, and on {@link AuditFacade#drainQueryLog()}.
     */
    public AuditModule withQueryLog(boolean on) {
        return new AuditModule(Optional.of(on));
    }

    /** Whether the query log is on. */
    public boolean queryLog() {
        return queryLog.orElseGet(io.agentstore.audit.internal.QueryLog::enabledByEnvironment);
    }

    /** The audit facade of a store that has this module installed. */
    public static AuditFacade of(AgentStore store) {
        return Objects.requireNonNull(store, "store must not be null").module(AuditFacade.class);
    }

    @Override
    public String id() {
        return "audit";
    }

    @Override
    public List<Migration> migrations() {
        return List.of(
                Migration.of("V1__audit_schema.sql"),
                Migration.of("V2__audit_chain.sql"),
                Migration.of("V3__audit_redaction.sql"),
                Migration.of("V4__audit_query_log.sql"),
                Migration.of("V5__audit_merge.sql"));
    }

    @Override
    public List<String> repeatables() {
        return List.of("R__audit_views.sql");
    }

    @Override
    public void bind(ModuleBinder binder) {
        binder.fact(Prompt.class, AuditFactTypes.PROMPT);
        binder.fact(Response.class, AuditFactTypes.RESPONSE);
        binder.fact(Feedback.class, AuditFactTypes.FEEDBACK);
        binder.fact(ChainLink.class, AuditChain.LINK);
        binder.fact(RescanEntry.class, io.agentstore.audit.internal.Rescan.ENTRY);
        binder.fact(QueryLogEntry.class, io.agentstore.audit.internal.QueryLog.ENTRY);
        binder.fact(MergeProvenance.class, AuditFactTypes.MERGE);
        if (queryLog()) {
            binder.queryListener(io.agentstore.audit.internal.QueryLog::onQuery);
        }
        binder.facade(AuditFacade.class, AuditFacade::new);
        AuditTools.all().forEach(binder::tool);
        binder.exportCheckpoint(
                "audit",
                context -> context.facade(AuditFacade.class).checkpoint().toMap());
        binder.mapping(SourceEvent.UserPrompt.class, (event, context) -> List.of(promptOf(event, context)));
        binder.mapping(SourceEvent.ResponseText.class, (event, context) -> List.of(responseOf(event, context)));
    }

    /**
     * The prompt of a user-prompt event: event id {@code EventIds.of(source, "audit-prompt", seed)}, the
     * text after the store's redaction, the local OS user and host with the account the event's attributes
     * report ({@code user.account_uuid} or {@code user.id}, and {@code user.email}, as Claude Code's
     * OpenTelemetry attributes name them).
     */
    static Prompt promptOf(SourceEvent.UserPrompt event, StoreContext context) {
        SourceEvent.Envelope e = event.envelope();
        Map<String, Object> a = e.attributes();
        String account = text(a.get("user.account_uuid"), text(a.get("user.id"), null));
        String email = text(a.get("user.email"), null);
        return new Prompt(
                EventIds.of(e.source(), "audit-prompt", e.seed()),
                e.occurredAt(),
                null,
                e.sessionId(),
                null,
                null,
                null,
                null,
                redact(context, event.text()),
                null,
                UserRef.local(account, email),
                null,
                null,
                Map.of());
    }

    /** The response of a response-text event: event id {@code EventIds.of(source, "audit-response", seed)}. */
    static Response responseOf(SourceEvent.ResponseText event, StoreContext context) {
        SourceEvent.Envelope e = event.envelope();
        return new Response(
                EventIds.of(e.source(), "audit-response", e.seed()),
                e.occurredAt(),
                null,
                e.sessionId(),
                null,
                event.model(),
                null,
                redact(context, event.text()),
                null,
                null,
                null,
                null,
                null,
                Map.of(),
                Map.of());
    }

    /**
     * Records the query log spool of read-only opens, then seals the audit facts recorded since the last open (for
     * example by an import) into the hash chain.
     */
    @Override
    public void onOpen(StoreContext context) {
        if (!context.isReadOnly()) {
            io.agentstore.audit.internal.QueryLog.drain(context);
            context.facade(AuditFacade.class).seal();
        }
    }

    /** Records what the query log spooled since the last batch (a writable open); see {@link #withQueryLog}. */
    @Override
    public void onClose(StoreContext context) {
        io.agentstore.audit.internal.QueryLog.close(context);
    }

    /** The store's redaction with the personal-data rules (one key, one placeholder format). */
    static String redact(StoreContext context, String text) {
        return AuditRedaction.of(context).redact(text);
    }

    private static String text(Object value, String otherwise) {
        return value instanceof String s && !s.isBlank() ? s : otherwise;
    }

    @Override
    public String toString() {
        return "AuditModule";
    }
}
