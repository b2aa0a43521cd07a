package io.agentstore.tokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agentstore.AgentStore;
import io.agentstore.core.AgentRef;
import io.agentstore.core.TaskRef;
import io.agentstore.spi.InvalidRecordException;
import io.agentstore.testing.MutableClock;
import io.agentstore.testing.StoreExtension;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The records of the tokens module: validated when built, read back as they were written. */
class RecordsTest {
    @RegisterExtension
    final StoreExtension stores = Stores.store(MutableClock.at("2025-06-20T12:00:00Z"));

    @RegisterExtension
    final StoreExtension coreOnly = StoreExtension.inMemory();

    @Test
    void everyRecordReadsBackAsItWasWritten() {
        AgentStore store = stores.get();
        Instant at = Instant.parse("2025-06-20T10:15:30.123456Z");
        TokenUsage usage = TokenUsage.builder()
                .eventId(UUID.randomUUID())
                .occurredAt(at)
                .sessionId("s")
                .agent(new AgentRef("main", "main", "p1"))
                .task(new TaskRef("T", "d", "debug"))
                .component(new ComponentRef("skills/pdf", "skill", "/x/SKILL.md"))
                .model("claude-sonnet-4-5", "anthropic")
                .invocationContext("skill_load")
                .tokens(TokenCounts.of(1, 2, 3, 4, 5))
                .attribute("k", "v")
                .build();
        ContextOverflow overflow = ContextOverflow.builder()
                .eventId(UUID.randomUUID())
                .occurredAt(at)
                .sessionId("s")
                .agent(new AgentRef("main", "main", "p1"))
                .model("claude-sonnet-4-5", "anthropic")
                .contextWindowTokens(200_000L)
                .tokensAtOverflow(190_000)
                .tokensAfter(20_000L)
                .dropped("a", "b")
                .compacted("manual")
                .build();
        ComponentMeasurement measurement = ComponentMeasurement.builder()
                .eventId(UUID.randomUUID())
                .occurredAt(at)
                .component(new ComponentRef("skills/pdf", "skill", "/x/SKILL.md"))
                .file("/x/SKILL.md", "md")
                .sizes(10, 20, 30, 40)
                .estimatedTokens(8, "chars/4")
                .contentHash("abc")
                .build();
        CostAllocation allocation = CostAllocation.builder()
                .eventId(UUID.randomUUID())
                .occurredAt(at)
                .sessionId("s")
                .task(new TaskRef("T", "d", "debug"))
                .component(new ComponentRef("skills/pdf", "skill", "/x/SKILL.md"))
                .shareOfSession(new BigDecimal("0.125"))
                .method("proportional")
                .build();
        CommandRun run = CommandRun.builder()
                .eventId(UUID.randomUUID())
                .occurredAt(at)
                .sessionId("s")
                .command("core:work")
                .model("claude-sonnet-4-5", "anthropic")
                .thinkingBudgetTokens(32_000L)
                .durationMs(10L)
                .failed("timeout")
                .tokens(TokenCounts.of(5, 4, 3, 2, 1))
                .build();
        ModelPrice price = ModelPrice.builder()
                .eventId(UUID.randomUUID())
                .effectiveFrom(at)
                .model("acme-x")
                .provider("acme")
                .prices(TokenPrices.perMillion("1", "2", "3", "4", "0.5"))
                .tier(100_000, TokenPrices.perMillion("2", "4", null, null, null))
                .limits(100_000L, 4_000L)
                .source("override", "/p.json")
                .build();
        store.recordAll(List.of(usage, overflow, measurement, allocation, run, price));
        assertThat(store.find(TokenUsage.class, usage.eventId())).contains(usage);
        assertThat(store.find(ContextOverflow.class, overflow.eventId())).contains(overflow);
        assertThat(store.find(ComponentMeasurement.class, measurement.eventId()))
                .contains(measurement);
        assertThat(store.find(CostAllocation.class, allocation.eventId())).contains(allocation);
        assertThat(store.find(CommandRun.class, run.eventId())).contains(run);
        assertThat(store.find(ModelPrice.class, price.eventId())).contains(price);
    }

    @Test
    void badFieldsAreNamed() {
        assertThatThrownBy(() -> TokenCounts.of(-1, 0))
                .isInstanceOf(InvalidRecordException.class)
                .hasMessageContaining("tokens.input");
        assertThatThrownBy(() -> TokenUsage.builder().build()).hasMessageContaining("component");
        assertThatThrownBy(() -> ContextOverflow.builder().build()).hasMessageContaining("tokensAtOverflow");
        assertThatThrownBy(() -> ContextOverflow.builder()
                        .tokensAtOverflow(1)
                        .compacted("sometimes")
                        .build())
                .hasMessageContaining("compactionTrigger");
        assertThatThrownBy(() -> ContextOverflow.builder()
                        .tokensAtOverflow(1)
                        .contextWindowTokens(0L)
                        .build())
                .hasMessageContaining("contextWindowTokens");
        assertThatThrownBy(() -> ContextOverflow.builder()
                        .tokensAtOverflow(1)
                        .dropped("a", null)
                        .build())
                .hasMessageContaining("droppedComponents[1]");
        assertThatThrownBy(() -> ComponentMeasurement.builder()
                        .component(ComponentRef.of("x"))
                        .build())
                .hasMessageContaining("contentHash");
        assertThatThrownBy(() -> CostAllocation.ofSession(ComponentRef.of("x"), null, BigDecimal.ONE, "direct"))
                .hasMessageContaining("sessionId");
        assertThatThrownBy(() -> CostAllocation.ofApiCall(
                        ComponentRef.of("x"), UUID.randomUUID(), new BigDecimal("1.5"), "direct"))
                .hasMessageContaining("share");
        assertThatThrownBy(() -> CostAllocation.ofApiCall(
                        ComponentRef.of("x"), UUID.randomUUID(), new BigDecimal("0.1234567"), "direct"))
                .hasMessageContaining("6 decimal places");
        assertThatThrownBy(() -> CostAllocation.ofAmount(ComponentRef.of("x"), null, "direct"))
                .hasMessageContaining("allocatedUsd");
        assertThatThrownBy(() -> CostAllocation.ofAmount(ComponentRef.of("x"), BigDecimal.ONE, "guessed"))
                .hasMessageContaining("method");
        assertThatThrownBy(() -> CommandRun.builder().model("m").build()).hasMessageContaining("command");
        assertThatThrownBy(() -> CommandRun.builder()
                        .command("c")
                        .model("m")
                        .thinkingBudgetTokens(-1L)
                        .build())
                .hasMessageContaining("thinkingBudgetTokens");
        assertThatThrownBy(() -> ModelPrice.builder()
                        .model("m")
                        .prices(TokenPrices.perMillion("1", "1", null, null, null))
                        .source("somewhere", null)
                        .build())
                .hasMessageContaining("source");
        assertThatThrownBy(() -> new ComponentRef(" ", null, null)).hasMessageContaining("component.name");
        assertThat(new TokenUsage(
                                null,
                                null,
                                null,
                                null,
                                null,
                                null,
                                ComponentRef.of("x"),
                                null,
                                null,
                                "other",
                                TokenCounts.ZERO,
                                Map.of())
                        .attributes())
                .isEmpty();
    }

    @Test
    void theFacadeNeedsTheModule() {
        AgentStore store = coreOnly.get();
        assertThatThrownBy(() -> TokensModule.of(store))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("TokensFacade");
        assertThatThrownBy(() ->
                        store.record(TokenUsage.builder().component("x", null).build()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(TokensModule.create().id()).isEqualTo("tokens");
        assertThat(TokensModule.create().requires()).containsExactly("core");
        assertThatThrownBy(() -> TokensModule.withPriceOverrides(null)).hasMessageContaining("priceOverrides");
        assertThat(TokenCounts.of(1, 2, 3, 4, 5).total()).isEqualTo(15);
        assertThat(TokenCounts.of(1, 2, 3, 4, 5).totalInput()).isEqualTo(13);
    }
}
