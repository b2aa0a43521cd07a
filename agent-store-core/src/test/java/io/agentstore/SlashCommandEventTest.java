package io.agentstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agentstore.spi.InvalidRecordException;
import io.agentstore.spi.SourceEvent;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link SourceEvent.SlashCommand} refuses what it cannot carry, naming the field, like every source event. */
class SlashCommandEventTest {
    private static final SourceEvent.Envelope E = new SourceEvent.Envelope(
            "claude-code",
            "s1",
            "claude-code",
            "main",
            "app",
            "/w/app",
            Instant.parse("2026-01-01T00:00:00Z"),
            "u1",
            Map.of());

    private static void refused(Runnable make, String field) {
        assertThatThrownBy(make::run)
                .isInstanceOf(InvalidRecordException.class)
                .satisfies(e -> assertThat(((InvalidRecordException) e).field()).isEqualTo(field));
    }

    @Test
    void aCommandIsRequiredAndTextMustBeText() {
        SourceEvent.SlashCommand ok = new SourceEvent.SlashCommand(E, "/model", null, null, null);
        assertThat(ok.command()).isEqualTo("/model");
        assertThat(ok.seed()).isEqualTo("u1");
        refused(() -> new SourceEvent.SlashCommand(E, null, null, null, null), "command");
        refused(() -> new SourceEvent.SlashCommand(E, "  ", null, null, null), "command");
        refused(() -> new SourceEvent.SlashCommand(E, "/x", "a\u0000b", null, null), "arguments");
        refused(() -> new SourceEvent.SlashCommand(E, "/x", null, "\ud800", null), "output");
        refused(() -> new SourceEvent.SlashCommand(E, "/x", null, null, "m\u0000"), "model");
        assertThatThrownBy(() -> new SourceEvent.SlashCommand(null, "/x", null, null, null))
                .isInstanceOf(NullPointerException.class)
                .hasMessageContaining("envelope");
    }
}
