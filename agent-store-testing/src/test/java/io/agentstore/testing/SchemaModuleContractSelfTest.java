package io.agentstore.testing;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agentstore.spi.FactRecord;
import io.agentstore.spi.SchemaModule;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The kit's new checks fail for modules that break them (a kit that always passes checks nothing). */
class SchemaModuleContractSelfTest {
    @TempDir
    Path dir;

    /** The kit run against {@code module}, whose generator is never reached by these checks. */
    private SchemaModuleContract kitFor(SchemaModule module) {
        SchemaModuleContract kit = new SchemaModuleContract() {
            @Override
            protected SchemaModule module() {
                return module;
            }

            @Override
            protected FactRecord randomRecord(long seed) {
                throw new AssertionError("not used by this check");
            }
        };
        kit.contractDir = dir;
        return kit;
    }

    @Test
    void aModuleThatRedefinesAViewOfCoreIsRefused() {
        SchemaModuleContract kit =
                kitFor(TestModule.of("clash", "clash", Set.of("core"), List.of("V1__clash.sql"), List.of()));
        assertThatThrownBy(kit::noDatabaseObjectIsCreatedByTwoModules)
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("v_tool_calls");
    }

    @Test
    void aFactTableWithoutAWriterIsRefused() {
        SchemaModuleContract kit =
                kitFor(TestModule.of("orphan", "orphan", Set.of("core"), List.of("V1__orphan.sql"), List.of()));
        assertThatThrownBy(kit::everyFactTableHasAWriterAndAView)
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("fact_orphan")
                .hasMessageContaining("writer");
    }

    @Test
    void aGeneratorThatMissesAFactTableIsRefused() {
        SchemaModuleContract kit = new SchemaModuleContract() {
            @Override
            protected SchemaModule module() {
                return TestModule.of("orphan", "orphan", Set.of("core"), List.of("V1__orphan.sql"), List.of());
            }

            @Override
            protected FactRecord randomRecord(long seed) {
                return io.agentstore.core.ToolCall.builder()
                        .eventId(new java.util.UUID(seed, seed))
                        .occurredAt(java.time.Instant.parse("2025-01-01T00:00:00Z"))
                        .tool("t")
                        .build();
            }

            @Override
            protected int roundTripExamples() {
                return 3;
            }
        };
        kit.contractDir = dir;
        assertThatThrownBy(kit::recordsReadBackEqualAndCoverEveryFactTable)
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("fact_orphan")
                .hasMessageContaining("covers every fact table");
    }
}
