package io.agentstore.cdc;

import java.util.Locale;
import java.util.Set;

/** The kinds of watched source; the name is stored in lower case. */
public enum SourceType {
    /** Documentation pages (Markdown differ). */
    DOCS,
    /** A git repository (commit moved, files changed). */
    GIT,
    /** An API contract (OpenAPI differ). */
    API,
    /** A JSON Schema or SQL DDL (schema differs). */
    SCHEMA,
    /** A configuration file (content hash). */
    CONFIG,
    /** A service (availability and latency). */
    SERVICE,
    /** A package manifest: pom.xml, package.json, requirements.txt, pyproject.toml (semver differ). */
    PACKAGE;

    /** The stored names. */
    public static final Set<String> NAMES = Set.of("docs", "git", "api", "schema", "config", "service", "package");

    /** The stored name. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The type of a stored name.
     *
     * @throws IllegalArgumentException for an unknown name
     */
    public static SourceType of(String id) {
        if (id == null || !NAMES.contains(id)) {
            throw new IllegalArgumentException("unknown source type '" + id + "', expected one of " + NAMES);
        }
        return valueOf(id.toUpperCase(Locale.ROOT));
    }
}
