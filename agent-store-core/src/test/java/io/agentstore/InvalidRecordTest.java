package io.agentstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agentstore.core.AgentRef;
import io.agentstore.core.ApiCall;
import io.agentstore.core.Decision;
import io.agentstore.core.ErrorEvent;
import io.agentstore.core.FileModification;
import io.agentstore.core.SessionEvent;
import io.agentstore.core.TaskOutcome;
import io.agentstore.core.TaskRef;
import io.agentstore.core.ToolCall;
import io.agentstore.spi.InvalidRecordException;
import io.agentstore.testing.StoreExtension;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Bad input is refused before anything is queued, with the field and the value in the message. */
class InvalidRecordTest {
    @RegisterExtension
    final StoreExtension stores = StoreExtension.inMemory();

    private static void refused(ThrowingCallable build, String field, String... fragments) {
        assertThatThrownBy(build)
                .isInstanceOf(InvalidRecordException.class)
                .satisfies(e -> assertThat(((InvalidRecordException) e).field()).isEqualTo(field))
                .hasMessageStartingWith(field + " ")
                .satisfies(e -> {
                    for (String fragment : fragments) {
                        assertThat(e.getMessage()).contains(fragment);
                    }
                });
    }

    @Test
    void requiredFieldsAreNamed() {
        refused(() -> ToolCall.builder().build(), "toolName", "is required", "null");
        refused(() -> ToolCall.builder().tool("  ").build(), "toolName", "must not be blank", "\"  \"");
        refused(() -> ApiCall.builder().build(), "model", "is required");
        refused(() -> Decision.builder().decisionType("x").build(), "optionChosen", "is required");
        refused(() -> TaskOutcome.builder().build(), "task", "is required");
        refused(() -> SessionEvent.builder().eventType("start").build(), "sessionId", "is required");
        refused(() -> ErrorEvent.builder().build(), "errorType", "is required");
        refused(() -> FileModification.builder().build(), "filePath", "is required");
        refused(() -> AgentRef.of(""), "agent.name", "must not be blank");
        refused(() -> new TaskRef(null, null, null), "task.id", "is required");
    }

    @Test
    void numbersOutOfRangeAreNamedWithTheirValue() {
        refused(() -> ToolCall.builder().tool("Edit").durationMs(-5L).build(), "durationMs", ">= 0", "-5");
        refused(() -> ApiCall.builder().model("m").tokens(-1, 0).build(), "inputTokens", ">= 0", "-1");
        refused(
                () -> ApiCall.builder()
                        .model("m")
                        .cacheTokens(0, 0, Long.MIN_VALUE)
                        .build(),
                "cacheWrite1hTokens");
        refused(
                () -> TaskOutcome.builder()
                        .task(TaskRef.of("t", null))
                        .testPassRate(1.5)
                        .build(),
                "testPassRate",
                "between 0 and 1",
                "1.5");
        refused(
                () -> TaskOutcome.builder()
                        .task(TaskRef.of("t", null))
                        .testPassRate(Double.NaN)
                        .build(),
                "testPassRate");
        refused(
                () -> ApiCall.builder()
                        .model("m")
                        .reportedCostUsd(new BigDecimal("0.0000001"))
                        .build(),
                "reportedCostUsd",
                "6 decimal places");
        refused(
                () -> ApiCall.builder()
                        .model("m")
                        .reportedCostUsd(new BigDecimal("-1"))
                        .build(),
                "reportedCostUsd");
        refused(
                () -> ApiCall.builder()
                        .model("m")
                        .reportedCostUsd(new BigDecimal("1e13"))
                        .build(),
                "reportedCostUsd");
    }

    @Test
    void enumsListTheAllowedValues() {
        refused(
                () -> Decision.builder()
                        .decisionType("x")
                        .chose("y")
                        .outcome("maybe")
                        .build(),
                "outcome",
                "[failure, success, unknown]",
                "maybe");
        refused(() -> ErrorEvent.builder().errorType("x").severity("fatal").build(), "severity", "fatal");
        refused(
                () -> FileModification.builder()
                        .filePath("a")
                        .modificationType("copy")
                        .build(),
                "modificationType");
    }

    @Test
    void textMustBeValidUnicodeWithoutNul() {
        refused(() -> ToolCall.builder().tool("Ed\u0000it").build(), "toolName", "NUL", "\\u0000");
        refused(() -> ToolCall.builder().tool("x\uD800y").build(), "toolName", "unpaired surrogate", "\\ud800");
        refused(() -> ToolCall.builder().tool("x\uDC00").build(), "toolName", "unpaired surrogate");
        refused(() -> ErrorEvent.builder().errorType("e").message("bad \uD83D").build(), "message");
        refused(
                () -> Decision.builder()
                        .decisionType("x")
                        .chose("y")
                        .alternatives(List.of("ok", "\uDFFF"))
                        .build(),
                "alternatives[1]");
        // paired surrogates (emoji) and control characters other than NUL are fine
        assertThat(ToolCall.builder().tool("ok \uD83D\uDE42 \t\n\u0001").build().toolName())
                .contains("\uD83D\uDE42");
    }

    @Test
    void timestampsOutsideYearsOneToNineThousandNineHundredNinetyNineAreRefused() {
        refused(
                () -> ToolCall.builder().tool("t").occurredAt(Instant.MAX).build(),
                "occurredAt",
                "year 1 and year 9999");
        refused(
                () -> ToolCall.builder()
                        .tool("t")
                        .occurredAt(Instant.parse("-0001-01-01T00:00:00Z"))
                        .build(),
                "occurredAt");
        assertThat(ToolCall.builder()
                        .tool("t")
                        .occurredAt(Instant.parse("2026-01-01T00:00:00.123456789Z"))
                        .build()
                        .occurredAt())
                .as("truncated to what DuckDB keeps")
                .isEqualTo(Instant.parse("2026-01-01T00:00:00.123456Z"));
    }

    @Test
    void attributesMustBeJson() {
        refused(
                () -> ToolCall.builder()
                        .tool("t")
                        .attribute("when", Instant.EPOCH)
                        .build(),
                "attributes.when",
                "JSON values");
        refused(
                () -> ToolCall.builder()
                        .tool("t")
                        .attribute("n", Double.POSITIVE_INFINITY)
                        .build(),
                "attributes.n",
                "finite");
        refused(
                () -> ToolCall.builder()
                        .tool("t")
                        .attributes(Map.of("k", Map.of("nested", "\u0000")))
                        .build(),
                "attributes.k.nested");
        refused(
                () -> ToolCall.builder()
                        .tool("t")
                        .attributes(Map.of("k", List.of(new Object())))
                        .build(),
                "attributes.k");
    }

    @Test
    void aHugeStringIsStoredAndReturnedUnchanged() {
        String huge = "x".repeat(10 * 1024 * 1024 - 3) + "\uD83D\uDE42!";
        AgentStore store = stores.get();
        var id = store.core()
                .recordError(ErrorEvent.builder().errorType("big").message(huge).build());
        assertThat(store.find(ErrorEvent.class, id).orElseThrow().message()).isEqualTo(huge);
    }

    @Test
    void aRefusedRecordChangesNothingInTheStore() {
        AgentStore store = stores.get();
        store.core().recordToolCall(ToolCall.builder().tool("Edit").build());
        assertThatThrownBy(() -> store.core().recordToolCall(null))
                .isInstanceOf(InvalidRecordException.class)
                .hasMessageContaining("call is required");
        assertThatThrownBy(() -> store.recordAll(
                        java.util.Arrays.asList(ToolCall.builder().tool("a").build(), null)))
                .isInstanceOf(InvalidRecordException.class)
                .hasMessageContaining("records[1]");
        assertThat(store.sql("SELECT count(*) AS n FROM fact_tool_call")
                        .single()
                        .orElseThrow()
                        .int64("n"))
                .isEqualTo(1);
    }
}
