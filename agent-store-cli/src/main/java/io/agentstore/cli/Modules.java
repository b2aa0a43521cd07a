package io.agentstore.cli;

import io.agentstore.spi.ModuleConfig;
import io.agentstore.spi.ModuleProvider;
import io.agentstore.spi.SchemaModule;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;

/** The schema modules on the command's classpath, found through {@link ServiceLoader}. */
final class Modules {
    private Modules() {}

    /** Every module provider on the classpath, by module id. */
    static Map<String, ModuleProvider> discovered() {
        Map<String, ModuleProvider> byId = new TreeMap<>();
        for (ModuleProvider p : ServiceLoader.load(ModuleProvider.class, Modules.class.getClassLoader())) {
            byId.putIfAbsent(p.id(), p);
        }
        return byId;
    }

    /**
     * The modules with these ids ("core" is always there and skipped), configured by {@code config}.
     *
     * @throws IllegalArgumentException naming an id no provider on the classpath offers
     */
    static List<SchemaModule> create(Collection<String> ids, ModuleConfig config) {
        Map<String, ModuleProvider> known = discovered();
        List<SchemaModule> modules = new ArrayList<>();
        for (String id : ids) {
            if (id.equals("core")) {
                continue;
            }
            ModuleProvider p = known.get(id);
            if (p == null) {
                throw new IllegalArgumentException("no module '" + id + "' in this agent-store; modules: core"
                        + (known.isEmpty() ? "" : ", " + String.join(", ", known.keySet())));
            }
            modules.add(p.create(config));
        }
        return modules;
    }
}
