package io.agentstore.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentstore.AgentStore;
import io.agentstore.audit.AuditModule;
import io.agentstore.audit.Prompt;
import io.agentstore.audit.UserRef;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code agent-store verify} on a real file: intact, then a prompt edited behind the store's back. */
class VerifyCommandTest {
    @TempDir
    Path dir;

    @Test
    void verifyReportsAnIntactChainThenTheEditedPrompt() throws Exception {
        Path file = dir.resolve("s.duckdb");
        UUID id;
        try (AgentStore store =
                AgentStore.builder().path(file).install(AuditModule.create()).build()) {
            id = AuditModule.of(store).recordPrompt(Prompt.of("s1", "hello", new UserRef("me", "box", null, null)));
        }
        Cli ok = Cli.run("verify", "--db", file.toString());
        assertThat(ok.code()).as(ok.err()).isZero();
        assertThat(ok.out()).startsWith("intact: 1 audit facts, head ");
        Cli head = Cli.run("verify", "--head", "--db", file.toString());
        assertThat(head.out().strip()).hasSize(64).isNotEqualTo("0".repeat(64));
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + file);
                Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE fact_prompt SET prompt_text = 'hullo'");
        }
        Cli broken = Cli.run("verify", "--db", file.toString());
        assertThat(broken.code()).isEqualTo(1);
        assertThat(broken.out()).startsWith("edited: fact_prompt " + id + " at position 1 of 1");
    }
}
