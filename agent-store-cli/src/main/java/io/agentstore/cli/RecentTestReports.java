package io.agentstore.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agentstore.quality.TestReportFinder;
import io.agentstore.spi.Json;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * What {@code agent-store hook} adds to a {@code PostToolUse} payload of a Bash test command before spooling it:
 * the test reports the command wrote ({@link TestReportFinder}: modified at or after the call started, that is the
 * hook's time less the payload's {@code duration_ms} and two seconds of clock slack; without {@code duration_ms},
 * within the last {@link #WINDOW}), as {@code agent_store_reports} (path, modification time, size). The quality
 * module imports them when the spool is drained. Never throws: on any failure the payload is spooled as it came
 * and the reason is logged.
 */
final class RecentTestReports {
    /** How far back a report may have been written when the payload does not say how long the call took. */
    static final Duration WINDOW = Duration.ofMinutes(10);

    private RecentTestReports() {}

    static byte[] annotate(byte[] payload, Instant now, BiConsumer<String, String> log) {
        try {
            JsonNode p = Json.MAPPER.readTree(payload);
            if (p == null
                    || !p.isObject()
                    || !"PostToolUse".equals(p.path("hook_event_name").asText())
                    || !"Bash".equals(p.path("tool_name").asText())
                    || !p.path("tool_input").path("command").isTextual()
                    || !p.path("cwd").isTextual()) {
                return payload;
            }
            String command = p.path("tool_input").path("command").asText();
            String output = p.path("tool_response").path("stdout").asText(null);
            if (TestReportFinder.framework(command, output).isEmpty()) {
                return payload;
            }
            Instant since = p.path("duration_ms").canConvertToLong()
                    ? now.minusMillis(p.path("duration_ms").asLong()).minusSeconds(2)
                    : now.minus(WINDOW);
            List<TestReportFinder.Found> found =
                    TestReportFinder.find(command, output, Path.of(p.path("cwd").asText()), since);
            if (found.isEmpty()) {
                return payload;
            }
            ObjectNode marked = ((ObjectNode) p).deepCopy();
            ArrayNode reports = marked.putArray("agent_store_reports");
            for (TestReportFinder.Found f : found) {
                reports.addObject()
                        .put("path", f.path().toString())
                        .put("modified_at", f.modifiedAt().toString())
                        .put("size", f.size());
            }
            return Json.MAPPER.writeValueAsBytes(marked);
        } catch (Exception | LinkageError e) {
            log.accept(
                    "PostToolUse",
                    "test reports not looked for: " + e.getClass().getSimpleName() + ": " + e.getMessage());
            return payload;
        }
    }
}
