package io.agentstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agentstore.core.CoreFacade;
import io.agentstore.core.ToolCall;
import io.agentstore.spi.EventIds;
import io.agentstore.spi.InvalidRecordException;
import io.agentstore.spi.Migration;
import io.agentstore.spi.ModuleBinder;
import io.agentstore.spi.SchemaModule;
import io.agentstore.spi.SourceEvent;
import io.agentstore.spi.StoreContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The plug-in contract: facades from a StoreContext, onOpen, the module's SQL resources, event ids, the builder. */
class ModuleKitTest {
    @TempDir
    Path dir;

    /** A module without tables whose facade and onOpen report what they were given. */
    static final class Probe implements SchemaModule {
        final List<String> calls = new ArrayList<>();
        StoreContext facadeContext;
        StoreContext openContext;

        @Override
        public String id() {
            return "probe";
        }

        @Override
        public List<Migration> migrations() {
            return List.of();
        }

        @Override
        public void bind(ModuleBinder binder) {
            binder.facade(ProbeFacade.class, context -> {
                calls.add("facade");
                facadeContext = context;
                return new ProbeFacade(context);
            });
        }

        @Override
        public void onOpen(StoreContext context) {
            calls.add("onOpen");
            openContext = context;
            // a facade of the store, built before any onOpen
            context.facade(ProbeFacade.class)
                    .context
                    .record(ToolCall.builder().tool("opened").build());
        }
    }

    /** The probe's facade. */
    static final class ProbeFacade {
        final StoreContext context;

        ProbeFacade(StoreContext context) {
            this.context = context;
        }
    }

    @Test
    void aFacadeIsBuiltFromTheModulesOwnContextThenOnOpenRuns() {
        Probe probe = new Probe();
        try (AgentStore store = AgentStore.builder().inMemory().install(probe).build()) {
            assertThat(probe.calls).containsExactly("facade", "onOpen");
            assertThat(probe.facadeContext).isNotNull().isNotInstanceOf(AgentStore.class);
            assertThat(probe.openContext).isSameAs(probe.facadeContext);
            assertThat(store.module(ProbeFacade.class).context).isSameAs(probe.facadeContext);
            assertThat(probe.facadeContext.isInstalled("probe")).isTrue();
            assertThat(probe.facadeContext.isInstalled("tokens")).isFalse();
            assertThat(probe.facadeContext.facade(CoreFacade.class)).isSameAs(store.core());
            assertThat(store.sql("SELECT count(*) AS n FROM v_tool_calls WHERE tool_name = 'opened'")
                            .rows()
                            .get(0)
                            .int64("n"))
                    .isEqualTo(1);
        }
    }

    @Test
    void aFailingOnOpenFailsTheBuildAndLeavesTheFileFree() {
        Path file = dir.resolve("a.duckdb");
        SchemaModule failing = new SchemaModule() {
            @Override
            public String id() {
                return "failing";
            }

            @Override
            public List<Migration> migrations() {
                return List.of();
            }

            @Override
            public void onOpen(StoreContext context) {
                throw new IllegalStateException("no prices today");
            }
        };
        assertThatThrownBy(
                        () -> AgentStore.builder().path(file).install(failing).build())
                .hasMessage("no prices today");
        // the failed build closed the file: it opens again in this JVM at once
        try (AgentStore store = AgentStore.builder()
                .path(file)
                .lockWait(java.time.Duration.ZERO)
                .build()) {
            assertThat(store.modules()).containsExactly("core");
        }
    }

    @Test
    void sqlResourceReadsTheModulesOwnReferenceQueriesOnce() {
        Probe probe = new Probe();
        try (AgentStore store = AgentStore.builder().inMemory().install(probe).build()) {
            String answer = probe.facadeContext.sqlResource("answer.sql");
            assertThat(answer).isEqualTo("SELECT 42 AS answer\n");
            assertThat(probe.facadeContext.sqlResource("answer.sql")).isSameAs(answer);
            assertThat(store.sql(answer).rows().get(0).int64("answer")).isEqualTo(42);
            assertThatThrownBy(() -> probe.facadeContext.sqlResource("missing.sql"))
                    .hasMessageContaining("agent-store/queries/probe/missing.sql");
            assertThatThrownBy(() -> probe.facadeContext.sqlResource("../core/resume_context.sql"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("../core/resume_context.sql");
            assertThatThrownBy(() -> probe.facadeContext.sqlResource(" "))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("name");
        }
    }

    @Test
    void eventIdsAreTheNameBasedUuidsOfSourceKindAndParts() {
        // MD5 name-based UUIDs of "claude-code|tool|toolu_01" and "claude-code|run|a||c", computed outside Java
        assertThat(EventIds.of("claude-code", "tool", "toolu_01"))
                .isEqualTo(UUID.fromString("b3a66609-33fb-3360-ba76-11297e346cfa"));
        assertThat(EventIds.of("claude-code", "run", "a", null, "c"))
                .isEqualTo(UUID.fromString("efe72fc0-d6ca-35fd-abff-f96f861ea478"));
        assertThat(EventIds.of("otlp", "tool", "toolu_01"))
                .isNotEqualTo(EventIds.of("claude-code", "tool", "toolu_01"));
        assertThatThrownBy(() -> EventIds.of(" ", "tool")).hasMessageContaining("source");
        assertThatThrownBy(() -> EventIds.of("x", null)).hasMessageContaining("kind");
    }

    @Test
    void buildLeavesTheBuilderAsItWas() throws Exception {
        // a link whose target changes between two builds: the second build must follow the link again, not
        // reuse the real path the first build resolved
        Path first = dir.resolve("first.duckdb");
        Path second = dir.resolve("second.duckdb");
        Path link = dir.resolve("current.duckdb");
        Files.createSymbolicLink(link, first.getFileName());
        AgentStore.Builder builder = AgentStore.builder().path(link);
        try (AgentStore store = builder.build()) {
            assertThat(store.path()).contains(first.toRealPath().getParent().resolve("first.duckdb"));
            store.core().recordToolCall(ToolCall.builder().tool("one").build());
        }
        Files.delete(link);
        Files.createSymbolicLink(link, second.getFileName());
        try (AgentStore store = builder.build()) {
            assertThat(store.path()).contains(dir.toRealPath().resolve("second.duckdb"));
            assertThat(store.sql("SELECT count(*) AS n FROM v_tool_calls")
                            .rows()
                            .get(0)
                            .int64("n"))
                    .isZero();
        }
        assertThat(Files.exists(second)).isTrue();
    }

    /** A module that maps user prompts to tool calls named "prompt" (with or without an event id). */
    static final class Mapper implements SchemaModule {
        final boolean withIds;

        Mapper(boolean withIds) {
            this.withIds = withIds;
        }

        @Override
        public String id() {
            return "mapper";
        }

        @Override
        public List<Migration> migrations() {
            return List.of();
        }

        @Override
        public void bind(ModuleBinder binder) {
            binder.mapping(
                    SourceEvent.UserPrompt.class,
                    (event, context) -> List.of(ToolCall.builder()
                            .eventId(withIds ? EventIds.of(event.source(), "prompt-call", event.seed()) : null)
                            .occurredAt(event.occurredAt())
                            .tool("prompt")
                            .attribute("text", context.redact(event.text()))
                            .build()));
        }
    }

    static SourceEvent.UserPrompt prompt(String seed, String text) {
        return new SourceEvent.UserPrompt(
                new SourceEvent.Envelope(
                        "test",
                        "s1",
                        "me",
                        "main",
                        "app",
                        "/src/app",
                        Instant.parse("2026-01-01T00:00:00Z"),
                        seed,
                        Map.of()),
                text);
    }

    @Test
    void appliedEventsBecomeTheFactsOfTheInstalledModulesOnceWhateverTheReplays() {
        List<SourceEvent> events = List.of(prompt("p1", "hello"), prompt("p2", "key AKIAIOSFODNN7EXAMPLE"));
        try (AgentStore store = AgentStore.builder().inMemory().build()) {
            assertThat(store.apply(events)).as("no module maps prompts").isZero();
            assertThat(store.maps(SourceEvent.UserPrompt.class)).isFalse();
        }
        try (AgentStore store =
                AgentStore.builder().inMemory().install(new Mapper(true)).build()) {
            assertThat(store.maps(SourceEvent.UserPrompt.class)).isTrue();
            assertThat(store.maps(SourceEvent.Compaction.class)).isFalse();
            assertThat(store.apply(events)).isEqualTo(2);
            assertThat(store.apply(events)).isZero();
            assertThat(store.sql("SELECT event_id, attributes FROM v_tool_calls WHERE tool_name = 'prompt'"
                                    + " ORDER BY occurred_at, event_id")
                            .rows())
                    .extracting(r -> r.uuid("event_id"))
                    .containsExactlyInAnyOrder(
                            EventIds.of("test", "prompt-call", "p1"), EventIds.of("test", "prompt-call", "p2"));
            assertThat(store.sql("SELECT string_agg(attributes::VARCHAR, ' ') AS a FROM fact_tool_call")
                            .rows()
                            .get(0)
                            .string("a"))
                    .contains("hello")
                    .doesNotContain("AKIAIOSFODNN7EXAMPLE");
        }
        try (AgentStore store =
                AgentStore.builder().inMemory().install(new Mapper(false)).build()) {
            assertThatThrownBy(() -> store.apply(events))
                    .isInstanceOf(InvalidRecordException.class)
                    .hasMessageContaining("'mapper'")
                    .hasMessageContaining("UserPrompt");
        }
    }
}
