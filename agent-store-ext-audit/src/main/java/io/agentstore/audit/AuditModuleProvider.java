package io.agentstore.audit;

import io.agentstore.spi.ModuleConfig;
import io.agentstore.spi.ModuleProvider;
import io.agentstore.spi.SchemaModule;

/** Finds the audit module for tools ({@link java.util.ServiceLoader}). */
public final class AuditModuleProvider implements ModuleProvider {

    /** For {@link java.util.ServiceLoader}. */
    public AuditModuleProvider() {}

    @Override
    public String id() {
        return "audit";
    }

    @Override
    public SchemaModule create(ModuleConfig config) {
        String log = config.keys().get("audit.query_log");
        return log == null ? AuditModule.create() : AuditModule.create().withQueryLog(Boolean.parseBoolean(log));
    }
}
