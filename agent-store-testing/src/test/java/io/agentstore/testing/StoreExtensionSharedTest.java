package io.agentstore.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentstore.AgentStore;
import io.agentstore.core.ToolCall;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A static extension shares one store between the tests of the class: what one test records, the next sees. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StoreExtensionSharedTest {
    @RegisterExtension
    static final StoreExtension SHARED = StoreExtension.file();

    @Test
    @Order(1)
    void first() {
        SHARED.get().core().recordToolCall(ToolCall.builder().tool("Bash").build());
    }

    @Test
    @Order(2)
    void second(AgentStore parameter) {
        assertThat(parameter)
                .as("a test method may take the store as a parameter")
                .isSameAs(SHARED.get());
        assertThat(SHARED.get()
                        .sql("SELECT count(*) AS n FROM fact_tool_call")
                        .rows()
                        .get(0)
                        .int64("n"))
                .isEqualTo(1);
    }
}
