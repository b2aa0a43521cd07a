/**
 * The {@code agent-store} command (picocli): {@code init}, {@code ingest}, {@code hook}, {@code query},
 * {@code report}, {@code export}, {@code demo} and {@code doctor}, with the store options they share. Its
 * Java classes are not a library API; the command line and its exit codes are.
 */
package io.agentstore.cli;
