/**
 * The structural differs of the cdc module and their rules: OpenAPI 3, JSON Schema, SQL DDL (parsed by DuckDB),
 * Markdown and package manifests. Every {@link io.agentstore.cdc.diff.DetectedChange} names the
 * {@link io.agentstore.cdc.diff.Rule} that classified it; {@link io.agentstore.cdc.diff.Rules} lists them all.
 */
package io.agentstore.cdc.diff;
