package io.agentstore.cli;

import io.agentstore.AgentStore;
import io.agentstore.audit.AuditFacade;
import io.agentstore.audit.ChainVerification;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code agent-store verify}: recomputes the audit module's hash chain (read-only) and names the first audit
 * fact that was edited, removed, inserted or reordered; {@code --head} prints the chain's head hash, the
 * checkpoint to keep outside the database.
 */
@Command(
        name = "verify",
        mixinStandardHelpOptions = true,
        description = {
            "Recompute the audit hash chain and name the first prompt, response or feedback that was edited,"
                    + " removed, inserted or reordered since it was recorded.",
            "Lists the merges that brought audit facts in, with the head of each source's chain (each fact's source:"
                    + " SELECT * FROM v_audit_provenance).",
            "Exits 1 when the chain is broken, 2 when the audit module is not installed."
        })
final class VerifyCommand implements Callable<Integer> {
    @Mixin
    StoreOptions store;

    @Spec
    CommandSpec spec;

    @Option(names = "--head", description = "Print only the head hash of the chain (a checkpoint to keep elsewhere).")
    boolean head;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (AgentStore s = store.openForReading(false)) {
            AuditFacade audit;
            try {
                audit = s.module(AuditFacade.class);
            } catch (IllegalArgumentException e) {
                spec.commandLine()
                        .getErr()
                        .println("the audit module is not installed in "
                                + s.path().orElseThrow() + "; 'agent-store init --install audit' installs it");
                return 2;
            }
            if (head) {
                out.println(audit.head());
                return 0;
            }
            ChainVerification v = audit.verify();
            out.println(v.describe());
            // which sealed facts came from which merged store (SELECT * FROM v_audit_provenance for each fact)
            for (io.agentstore.audit.MergeProvenance m : audit.merges()) {
                out.println("  merged " + m.occurredAt() + " from '" + m.sourceHost() + "' (store " + m.sourceStoreId()
                        + ", " + m.sourcePath() + "): " + m.auditFactsAdded()
                        + " audit fact(s); the source's chain had "
                        + m.sourceChainLinks() + " link(s), head " + m.sourceChainHead());
            }
            return v.intact() ? 0 : 1;
        }
    }
}
