package io.agentstore.claudecode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.agentstore.AgentStore;
import io.agentstore.spi.SourceEvent;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A completed Bash (or Read, Write, Edit) PostToolUse in the hook spool gives a source-neutral tool call event, seeded
 * like the transcript's (the {@code tool_use_id}); other tools (Grep here), and a PreToolUse without its PostToolUse,
 * give none.
 */
class HookToolCallEventsTest {
    @TempDir
    java.nio.file.Path dir;

    private static String payload(String event, String tool, String toolUseId, String input, String response) {
        return "{\"session_id\":\"s1\",\"cwd\":\"/home/me/app\",\"hook_event_name\":\"" + event + "\",\"tool_name\":\""
                + tool + "\"" + (toolUseId == null ? "" : ",\"tool_use_id\":\"" + toolUseId + "\"")
                + ",\"tool_input\":" + input + (response == null ? "" : ",\"tool_response\":" + response) + "}";
    }

    @Test
    void bashPostToolUseGivesAToolCallEvent() {
        HookSpool spool = HookSpool.at(dir.resolve("spool"));
        Instant t = Instant.parse("2025-08-05T10:00:00Z");
        String mvn = "{\"command\":\"mvn -q test\"}";
        String[] lines = {
            payload("PreToolUse", "Bash", "toolu_1", mvn, null),
            payload(
                    "PostToolUse",
                    "Bash",
                    "toolu_1",
                    mvn,
                    "{\"stdout\":\"Tests run: 3, Failures: 0, Errors: 0, Skipped: 0\",\"stderr\":\"warn\","
                            + "\"interrupted\":false,\"isImage\":false}"),
            // no tool_use_id (older Claude Code): paired by session, tool and input; interrupted is an error
            payload("PreToolUse", "Bash", null, "{\"command\":\"pytest\"}", null),
            payload(
                    "PostToolUse",
                    "Bash",
                    null,
                    "{\"command\":\"pytest\"}",
                    "{\"stdout\":\"\",\"stderr\":\"\",\"interrupted\":true,\"isImage\":false}"),
            payload("PreToolUse", "Read", "toolu_3", "{\"file_path\":\"/home/me/app/pom.xml\"}", null),
            payload(
                    "PostToolUse",
                    "Read",
                    "toolu_3",
                    "{\"file_path\":\"/home/me/app/pom.xml\"}",
                    "{\"type\":\"text\"}"),
            payload("PreToolUse", "Grep", "toolu_5", "{\"pattern\":\"TODO\"}", null),
            payload("PostToolUse", "Grep", "toolu_5", "{\"pattern\":\"TODO\"}", "{\"numFiles\":0}"),
            payload("PreToolUse", "Bash", "toolu_4", "{\"command\":\"sleep 100\"}", null)
        };
        for (String line : lines) {
            spool.append(line.getBytes(StandardCharsets.UTF_8), t = t.plusSeconds(1));
        }
        List<SourceEvent> events = new ArrayList<>();
        try (AgentStore store = AgentStore.builder()
                .inMemory()
                .clock(Clock.fixed(Instant.parse("2100-01-01T00:00:00Z"), ZoneOffset.UTC))
                .install(new SourceEventsTest.AgentStoreProbe(events))
                .build()) {
            ClaudeCodeImporter.builder(store)
                    .projectsDir(dir.resolve("none"))
                    .hookSpool(spool)
                    .build()
                    .run();
        }
        assertThat(events)
                .map(SourceEvent.ToolCall.class::cast)
                .extracting(
                        SourceEvent.ToolCall::toolName,
                        c -> c.input().get("command"),
                        SourceEvent.ToolCall::result,
                        SourceEvent.ToolCall::isError,
                        SourceEvent::source,
                        SourceEvent::sessionId,
                        c -> c.envelope().cwd(),
                        SourceEvent::occurredAt)
                .containsExactly(
                        tuple(
                                "Bash",
                                "mvn -q test",
                                "Tests run: 3, Failures: 0, Errors: 0, Skipped: 0\nwarn",
                                false,
                                "claude-code",
                                "s1",
                                "/home/me/app",
                                Instant.parse("2025-08-05T10:00:01Z")),
                        tuple(
                                "Bash",
                                "pytest",
                                "",
                                true,
                                "claude-code",
                                "s1",
                                "/home/me/app",
                                Instant.parse("2025-08-05T10:00:03Z")),
                        tuple(
                                "Read",
                                null,
                                "{\"type\":\"text\"}",
                                false,
                                "claude-code",
                                "s1",
                                "/home/me/app",
                                Instant.parse("2025-08-05T10:00:05Z")));
        assertThat(events.get(0).seed()).isEqualTo("toolu_1");
        assertThat(events.get(1).seed()).startsWith("hook:");
    }
}
