package io.agentstore.tokens.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentstore.spi.Json;
import io.agentstore.testing.SharedFixtures;
import io.agentstore.tokens.ModelPrice;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The bundled price table is what the generator derives from the shared LiteLLM file, and covers its chat models. */
class BundledPricesTest {
    static final String SOURCE = "Wei-Shaw/model-price-repo (a filtered copy of LiteLLM's public price file) at"
            + " commit f9ff14734f6203c490573cb1e2ae8fdac7a52a41 (2026-07-24), MIT; shared/reference/pricing/";

    private static Path litellm() {
        return SharedFixtures.file("reference/pricing/model_prices_and_context_window.json");
    }

    private static String committed() throws IOException {
        try (InputStream in =
                BundledPricesTest.class.getClassLoader().getResourceAsStream(PriceFiles.BUNDLED_RESOURCE)) {
            assertThat(in).as(PriceFiles.BUNDLED_RESOURCE).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("\r\n", "\n");
        }
    }

    @Test
    void committedTableIsWhatTheGeneratorDerives() throws IOException {
        Path source = litellm();
        String generated = BundledPricesGenerator.generate(source, SOURCE);
        if (Boolean.getBoolean("agentstore.regeneratePrices")) {
            Files.writeString(Path.of("src/main/resources", PriceFiles.BUNDLED_RESOURCE), generated);
        }
        assertThat(committed()).isEqualTo(generated);
    }

    @Test
    void everyAnthropicOpenAiAndGoogleChatModelIsBundled() throws IOException {
        var root = Json.MAPPER.readTree(litellm().toFile());
        Set<String> expected = new TreeSet<>();
        root.properties().forEach(e -> {
            var v = e.getValue();
            String provider = v.path("litellm_provider").asText();
            if (v.path("mode").asText().equals("chat")
                    && (provider.equals("anthropic")
                            || provider.equals("openai")
                            || provider.equals("gemini")
                            || provider.startsWith("vertex_ai"))) {
                expected.add(e.getKey());
            }
        });
        Set<String> bundled =
                PriceFiles.bundled().stream().map(ModelPrice::modelName).collect(Collectors.toSet());
        assertThat(expected).hasSizeGreaterThan(100);
        assertThat(bundled).containsAll(expected);
    }

    @Test
    void bundledPricesAreCompleteAndDatedFromTheEpoch() {
        assertThat(PriceFiles.bundled()).allSatisfy(p -> {
            assertThat(p.effectiveFrom()).isEqualTo(Instant.EPOCH);
            assertThat(p.prices().input()).isNotNull();
            assertThat(p.prices().output()).isNotNull();
            assertThat(p.source()).isEqualTo("bundled");
        });
        ModelPrice sonnet4 = PriceFiles.bundled().stream()
                .filter(p -> p.modelName().equals("claude-sonnet-4-20250514"))
                .findFirst()
                .orElseThrow();
        assertThat(sonnet4.provider()).isEqualTo("anthropic");
        assertThat(sonnet4.prices().input()).isEqualByComparingTo("0.000003");
        assertThat(sonnet4.prices().cacheWrite1h()).isEqualByComparingTo("0.000006");
        assertThat(sonnet4.tierThresholdTokens()).isEqualTo(200_000L);
        assertThat(sonnet4.tierPrices().input()).isEqualByComparingTo("0.000006");
        assertThat(sonnet4.tierPrices().output()).isEqualByComparingTo("0.0000225");
        assertThat(sonnet4.maxInputTokens()).isEqualTo(1_000_000L);
        ModelPrice gemini = PriceFiles.bundled().stream()
                .filter(p -> p.modelName().equals("gemini-2.5-pro"))
                .findFirst()
                .orElseThrow();
        assertThat(gemini.provider()).isEqualTo("google");
    }
}
