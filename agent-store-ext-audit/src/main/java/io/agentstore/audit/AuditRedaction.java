package io.agentstore.audit;

import io.agentstore.spi.Redaction;
import io.agentstore.spi.StoreContext;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The redaction of the audit module: the store's redaction ({@link StoreContext#redaction()}: the default secret
 * rules, keyed with the key in the owner-only file {@code <database>.redaction-key}) followed by the personal-data
 * rules. It uses the store's key and placeholder format, so a secret redacted here and the same secret redacted by
 * core or another module get the same placeholder.
 */
public final class AuditRedaction {
    private static final Redaction PERSONAL = Redaction.personal();

    private AuditRedaction() {}

    /** The store's redaction and the personal-data rules, with the store's key (if any). */
    public static Redaction of(StoreContext context) {
        return Objects.requireNonNull(context, "context must not be null")
                .redaction()
                .and(PERSONAL);
    }

    /** The secret and personal-data rules, keyed with the key file of {@code database}. */
    public static Redaction forDatabase(Path database) {
        return Redaction.forDatabase(database).and(PERSONAL);
    }

    /** The secret and personal-data rules with unkeyed placeholders. */
    public static Redaction unkeyed() {
        return Redaction.defaults().and(PERSONAL);
    }

    /** Where the key of {@code database} is kept ({@link Redaction#keyFile}). */
    public static Path keyFile(Path database) {
        return Redaction.keyFile(database);
    }
}
