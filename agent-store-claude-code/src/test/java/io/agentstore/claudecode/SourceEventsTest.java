package io.agentstore.claudecode;

import static io.agentstore.claudecode.TranscriptPitfallsTest.S;
import static io.agentstore.claudecode.TranscriptPitfallsTest.assistant;
import static io.agentstore.claudecode.TranscriptPitfallsTest.toolResult;
import static io.agentstore.claudecode.TranscriptPitfallsTest.toolUse;
import static io.agentstore.claudecode.TranscriptPitfallsTest.user;
import static org.assertj.core.api.Assertions.assertThat;

import io.agentstore.AgentStore;
import io.agentstore.spi.EventIds;
import io.agentstore.spi.Row;
import io.agentstore.spi.SourceEvent;
import io.agentstore.tokens.TokensModule;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The importer's source events: what a transcript gives, and the tokens module's mapping of compactions into
 * context overflows.
 */
class SourceEventsTest {
    @TempDir
    Path dir;

    static final String COMPACTION =
            "{\"type\":\"system\",\"subtype\":\"compact_boundary\",\"uuid\":\"c1\",\"sessionId\":\"" + S
                    + "\",\"timestamp\":\"2026-01-01T10:10:00Z\",\"compactMetadata\":{\"trigger\":\"manual\",\"preTokens\":155000}}";

    private Path write(Path projects, String relative, String... lines) throws IOException {
        Path file = projects.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
        return file;
    }

    /** Every event of a transcript, in order, from the public mapping. */
    private static List<SourceEvent> events(String... lines) {
        List<SourceEvent> events = new ArrayList<>();
        AgentStoreProbe probe = new AgentStoreProbe(events);
        try (AgentStore store = AgentStore.builder().inMemory().install(probe).build()) {
            Path projects;
            try {
                projects = Files.createTempDirectory("events");
                Path f = projects.resolve("-home-me-app/" + S + ".jsonl");
                Files.createDirectories(f.getParent());
                Files.writeString(f, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            ClaudeCodeImporter.builder(store)
                    .projectsDir(projects)
                    .idleAfter(Duration.ZERO)
                    .build()
                    .run();
        }
        return events;
    }

    @Test
    void aTranscriptGivesPromptResponseApiToolTodoSkillSubAgentAndCompactionEvents() {
        List<SourceEvent> events = events(
                user("u1", "2026-01-01T10:00:00Z", "plan the release"),
                assistant(
                        "a1",
                        "2026-01-01T10:00:01Z",
                        "msg_1",
                        "req_1",
                        "claude-opus-4-5",
                        10,
                        20,
                        0,
                        0,
                        0,
                        "[{\"type\":\"text\",\"text\":\"Here is the plan\"}]"),
                assistant(
                        "a2",
                        "2026-01-01T10:00:02Z",
                        "msg_2",
                        "req_2",
                        "claude-opus-4-5",
                        1,
                        1,
                        0,
                        0,
                        0,
                        toolUse(
                                "toolu_t",
                                "TodoWrite",
                                "{\"todos\":[{\"content\":\"write tests\",\"status\":\"pending\","
                                        + "\"activeForm\":\"Writing tests\"},{\"content\":\"ship\",\"status\":\"completed\"}]}")),
                toolResult("u2", "2026-01-01T10:00:03Z", "toolu_t", false, "ok", null),
                assistant(
                        "a3",
                        "2026-01-01T10:00:04Z",
                        "msg_3",
                        "req_3",
                        "claude-opus-4-5",
                        1,
                        1,
                        0,
                        0,
                        0,
                        toolUse("toolu_k", "Skill", "{\"skill\":\"release-notes\"}")),
                toolResult("u3", "2026-01-01T10:00:05Z", "toolu_k", false, "done", null),
                assistant(
                        "a4",
                        "2026-01-01T10:00:06Z",
                        "msg_4",
                        "req_4",
                        "claude-opus-4-5",
                        1,
                        1,
                        0,
                        0,
                        0,
                        toolUse("toolu_a", "Task", "{\"subagent_type\":\"reviewer\",\"prompt\":\"review the diff\"}")),
                toolResult("u4", "2026-01-01T10:00:07Z", "toolu_a", false, "looks fine", null),
                COMPACTION);
        assertThat(events).allSatisfy(e -> {
            assertThat(e.source()).isEqualTo("claude-code");
            assertThat(e.sessionId()).isEqualTo(S);
            assertThat(e.envelope().attributes()).containsEntry("transcript", "-home-me-app/" + S + ".jsonl");
        });
        assertThat(events)
                .filteredOn(SourceEvent.UserPrompt.class::isInstance)
                .singleElement()
                .extracting(e -> ((SourceEvent.UserPrompt) e).text())
                .isEqualTo("plan the release");
        assertThat(events)
                .filteredOn(SourceEvent.ResponseText.class::isInstance)
                .singleElement()
                .extracting(e -> ((SourceEvent.ResponseText) e).text())
                .isEqualTo("Here is the plan");
        assertThat(events)
                .filteredOn(SourceEvent.ApiCall.class::isInstance)
                .extracting(e -> ((SourceEvent.ApiCall) e).requestId())
                .containsExactlyInAnyOrder("req_1", "req_2", "req_3", "req_4");
        assertThat(events)
                .filteredOn(SourceEvent.ToolCall.class::isInstance)
                .extracting(e -> ((SourceEvent.ToolCall) e).toolName() + "=" + ((SourceEvent.ToolCall) e).result())
                .containsExactly("TodoWrite=ok", "Skill=done", "Task=looks fine");
        SourceEvent.TodoSnapshot todos = (SourceEvent.TodoSnapshot) events.stream()
                .filter(SourceEvent.TodoSnapshot.class::isInstance)
                .findFirst()
                .orElseThrow();
        assertThat(todos.todos())
                .containsExactly(
                        new SourceEvent.Todo("write tests", "pending", "Writing tests"),
                        new SourceEvent.Todo("ship", "completed", null));
        assertThat(events)
                .filteredOn(SourceEvent.SkillUse.class::isInstance)
                .singleElement()
                .extracting(e -> ((SourceEvent.SkillUse) e).skill())
                .isEqualTo("release-notes");
        SourceEvent.SubAgentLink link = (SourceEvent.SubAgentLink) events.stream()
                .filter(SourceEvent.SubAgentLink.class::isInstance)
                .findFirst()
                .orElseThrow();
        assertThat(link.agentType()).isEqualTo("reviewer");
        assertThat(link.prompt()).isEqualTo("review the diff");
        assertThat(link.parentSessionId()).isEqualTo(S);
        SourceEvent.Compaction compaction = (SourceEvent.Compaction) events.stream()
                .filter(SourceEvent.Compaction.class::isInstance)
                .findFirst()
                .orElseThrow();
        assertThat(compaction.trigger()).isEqualTo("manual");
        assertThat(compaction.preTokens()).isEqualTo(155_000L);
        assertThat(compaction.model()).isEqualTo("claude-opus-4-5");
        assertThat(compaction.seed()).isEqualTo("c1");
        assertThat(compaction.occurredAt()).isEqualTo(Instant.parse("2026-01-01T10:10:00Z"));
    }

    @Test
    void aCompactionBecomesAContextOverflowOnlyWhenTokensIsInstalled() throws IOException {
        Path projects = dir.resolve("projects");
        write(
                projects,
                "-home-me-app/" + S + ".jsonl",
                assistant(
                        "a1",
                        "2026-01-01T10:00:01Z",
                        "msg_1",
                        "req_1",
                        "claude-opus-4-5",
                        1,
                        1,
                        0,
                        0,
                        0,
                        "[{\"type\":\"text\",\"text\":\"hi\"}]"),
                COMPACTION);
        try (AgentStore store =
                AgentStore.builder().path(dir.resolve("core.duckdb")).build()) {
            ClaudeCodeImporter.builder(store)
                    .projectsDir(projects)
                    .idleAfter(Duration.ZERO)
                    .build()
                    .run();
            assertThat(store.sql(
                                    "SELECT count(*) AS n FROM information_schema.tables WHERE table_name LIKE '%overflow%'")
                            .rows()
                            .get(0)
                            .int64("n"))
                    .isZero();
        }
        try (AgentStore store = AgentStore.builder()
                .path(dir.resolve("tokens.duckdb"))
                .install(TokensModule.create())
                .build()) {
            ClaudeCodeImporter.builder(store)
                    .projectsDir(projects)
                    .idleAfter(Duration.ZERO)
                    .build()
                    .run();
            Row overflow =
                    store.sql("SELECT * FROM fact_context_overflow").single().orElseThrow();
            // the id the importer gave overflows before the event seam: claude-code|overflow|<line uuid>
            assertThat(overflow.uuid("event_id")).isEqualTo(EventIds.of("claude-code", "overflow", "c1"));
            assertThat(overflow.int64("tokens_at_overflow")).isEqualTo(155_000);
            assertThat(overflow.string("compaction_trigger")).isEqualTo("manual");
            assertThat(store.sql("SELECT model_name FROM v_context_overflows")
                            .single()
                            .orElseThrow()
                            .string("model_name"))
                    .isEqualTo("claude-opus-4-5");
        }
    }

    /** A module without tables that keeps every source event it is given. */
    static final class AgentStoreProbe implements io.agentstore.spi.SchemaModule {
        private final List<SourceEvent> events;

        AgentStoreProbe(List<SourceEvent> events) {
            this.events = events;
        }

        @Override
        public String id() {
            return "probe";
        }

        @Override
        public List<io.agentstore.spi.Migration> migrations() {
            return List.of();
        }

        @Override
        public void bind(io.agentstore.spi.ModuleBinder binder) {
            binder.mapping(SourceEvent.class, (event, context) -> {
                events.add(event);
                return List.of();
            });
        }
    }
}
