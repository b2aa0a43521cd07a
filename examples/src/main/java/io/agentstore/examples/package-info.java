/**
 * Runnable examples of agent-store ({@code bin/quickstart} and embedding it in an application), executed
 * by the build. Not published.
 */
package io.agentstore.examples;
