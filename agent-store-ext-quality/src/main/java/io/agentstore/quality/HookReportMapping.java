package io.agentstore.quality;

import io.agentstore.spi.EventMapping;
import io.agentstore.spi.FactRecord;
import io.agentstore.spi.SourceEvent;
import io.agentstore.spi.StoreContext;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The test reports {@code agent-store hook} found written by a Bash test command ({@code test_reports} of the tool
 * call event: path, modification time, size; see {@link TestReportFinder}), imported as {@code ingest tests}
 * imports them: the same event ids, so a report imported both ways, or twice, is one run. The run carries the
 * session of the call. A report that changed since the hook saw it (another run overwrote it) or is gone is left
 * out: it is no longer what this call wrote. Never fails the import that applies the event.
 */
final class HookReportMapping implements EventMapping<SourceEvent.ToolCall> {
    @Override
    public List<? extends FactRecord> map(SourceEvent.ToolCall call, StoreContext context) {
        if (!"Bash".equals(call.toolName())
                || !(call.envelope().attributes().get("test_reports") instanceof List<?> reports)) {
            return List.of();
        }
        List<FactRecord> out = new ArrayList<>();
        for (Object r : reports) {
            try {
                if (!(r instanceof Map<?, ?> m)
                        || !(m.get("path") instanceof String path)
                        || !(m.get("modified_at") instanceof String modified)
                        || !(m.get("size") instanceof Number size)) {
                    continue;
                }
                Path file = Path.of(path);
                if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)
                        || Files.size(file) != size.longValue()
                        || !Files.getLastModifiedTime(file, LinkOption.NOFOLLOW_LINKS)
                                .toInstant()
                                .equals(Instant.parse(modified))) {
                    continue;
                }
                Map<String, Object> extra = new LinkedHashMap<>();
                extra.put("found_by", "hook");
                if (call.toolUseId() != null) {
                    extra.put("tool_use_id", call.toolUseId());
                }
                out.addAll(QualityFacade.reportFacts(file, call.sessionId(), extra));
            } catch (Exception | LinkageError e) {
                // a report that cannot be read now costs this report only
            }
        }
        return out;
    }
}
