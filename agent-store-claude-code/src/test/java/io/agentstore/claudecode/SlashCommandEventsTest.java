package io.agentstore.claudecode;

import static io.agentstore.claudecode.TranscriptPitfallsTest.S;
import static io.agentstore.claudecode.TranscriptPitfallsTest.assistant;
import static io.agentstore.claudecode.TranscriptPitfallsTest.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.agentstore.AgentStore;
import io.agentstore.spi.SourceEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Slash command lines become {@link SourceEvent.SlashCommand} events with their output and the model in effect. */
class SlashCommandEventsTest {
    @TempDir
    Path dir;

    private List<SourceEvent> events(String... lines) {
        List<SourceEvent> events = new ArrayList<>();
        try (AgentStore store = AgentStore.builder()
                .inMemory()
                .install(new SourceEventsTest.AgentStoreProbe(events))
                .build()) {
            Path projects = dir.resolve("projects");
            Path f = projects.resolve("-home-me-app/" + S + ".jsonl");
            Files.createDirectories(f.getParent());
            Files.writeString(f, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
            ClaudeCodeImporter.builder(store)
                    .projectsDir(projects)
                    .idleAfter(Duration.ZERO)
                    .build()
                    .run();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return events;
    }

    @Test
    void commandsGetTheirOutputAndTheModelInEffect() {
        List<SourceEvent> events = events(
                user("p1", "2026-01-01T09:59:00Z", "hello"),
                // the newer order: message first; before any response, so it waits for the next one
                user(
                        "c1",
                        "2026-01-01T10:00:00Z",
                        "<command-message>review is running…</command-message>\\n<command-name>/review</command-name>"
                                + "\\n<command-args>PR 12</command-args>"),
                assistant("a1", "2026-01-01T10:00:05Z", "msg_1", "req_1", "claude-sonnet-4-5", 10, 5, 0, 0, 0, "[]"),
                user(
                        "c2",
                        "2026-01-01T10:01:00Z",
                        "<command-name>/cost</command-name>\\n<command-message>cost</command-message>"
                                + "\\n<command-args></command-args>"),
                user(
                        "o2",
                        "2026-01-01T10:01:00Z",
                        "<local-command-stdout>\\u001b[1mTotal cost: $0.12\\u001b[22m</local-command-stdout>"),
                user("c3", "2026-01-01T10:02:00Z", "<command-name>/model</command-name>"),
                user(
                        "o3",
                        "2026-01-01T10:02:00Z",
                        "<local-command-stdout>Set model to \\u001b[1mopus (claude-opus-4-5-20251101)\\u001b[22m"
                                + "</local-command-stdout>"),
                user("c4", "2026-01-01T10:03:00Z", "<command-name>/clear</command-name>"),
                // content as an array of text blocks
                "{\"type\":\"user\",\"uuid\":\"c5\",\"sessionId\":\"" + S
                        + "\",\"timestamp\":\"2026-01-01T10:04:00Z\",\"message\":{\"role\":\"user\",\"content\":"
                        + "[{\"type\":\"text\",\"text\":\"<command-name>/compact</command-name>"
                        + "<command-args>keep the plan</command-args>\"}]}}");
        List<SourceEvent.SlashCommand> commands = events.stream()
                .filter(SourceEvent.SlashCommand.class::isInstance)
                .map(SourceEvent.SlashCommand.class::cast)
                .toList();
        assertThat(commands)
                .extracting(
                        SourceEvent.SlashCommand::command,
                        SourceEvent.SlashCommand::arguments,
                        SourceEvent.SlashCommand::output,
                        SourceEvent.SlashCommand::model,
                        c -> c.envelope().attributes().get("model_rule"),
                        SourceEvent::seed)
                .containsExactly(
                        tuple("/review", "PR 12", null, "claude-sonnet-4-5", "next_response", "c1"),
                        tuple("/cost", null, "Total cost: $0.12", "claude-sonnet-4-5", "previous_response", "c2"),
                        tuple(
                                "/model",
                                null,
                                "Set model to opus (claude-opus-4-5-20251101)",
                                "claude-sonnet-4-5",
                                "previous_response",
                                "c3"),
                        tuple("/clear", null, null, "claude-opus-4-5-20251101", "model_command", "c4"),
                        tuple("/compact", "keep the plan", null, "claude-opus-4-5-20251101", "model_command", "c5"));
        // the command lines and their output are no prompts; the one prompt still is
        assertThat(events)
                .filteredOn(SourceEvent.UserPrompt.class::isInstance)
                .extracting(e -> ((SourceEvent.UserPrompt) e).text())
                .containsExactly("hello");
    }
}
