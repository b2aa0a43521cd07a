package io.agentstore.core;

import io.agentstore.spi.Dimension;
import io.agentstore.spi.FactContext;
import io.agentstore.spi.Row;
import java.util.Arrays;
import java.util.List;

/**
 * The dimensions of the core schema and how fact types of any module resolve their keys. Other modules'
 * facts point at the same agents, sessions, tasks, models, tools, files and components.
 */
public final class CoreDimensions {
    /** {@code dim_agent}, type 2 on the system prompt hash. */
    public static final Dimension AGENT = Dimension.type2(
            "dim_agent",
            "agent_key",
            List.of("agent_name"),
            List.of("agent_type", "system_prompt_hash"),
            "system_prompt_hash");
    /** {@code dim_session}. */
    public static final Dimension SESSION = Dimension.type1(
            "dim_session",
            "session_key",
            List.of("session_id"),
            List.of("project", "working_dir", "git_branch", "client_version", "user_key"));
    /** {@code dim_task}. */
    public static final Dimension TASK =
            Dimension.type1("dim_task", "task_key", List.of("task_id"), List.of("task_description", "task_type"));
    /** {@code dim_component}, type 2 on the file path. */
    public static final Dimension COMPONENT = Dimension.type2(
            "dim_component",
            "component_key",
            List.of("component_name"),
            List.of("component_type", "file_path"),
            "file_path");
    /** {@code dim_model}. */
    public static final Dimension MODEL =
            Dimension.type1("dim_model", "model_key", List.of("model_name"), List.of("provider"));
    /** {@code dim_tool}. */
    public static final Dimension TOOL =
            Dimension.type1("dim_tool", "tool_key", List.of("tool_name"), List.of("tool_type", "mcp_server"));
    /** {@code dim_file}. */
    public static final Dimension FILE =
            Dimension.type1("dim_file", "file_key", List.of("file_path"), List.of("file_type"));

    private CoreDimensions() {}

    /**
     * The agent of a row of a view that denormalises {@code dim_agent} ({@code agent_name}, {@code agent_type},
     * {@code system_prompt_hash}), or null when it has none.
     */
    public static AgentRef agentOf(Row row) {
        String name = row.string("agent_name");
        return name == null ? null : new AgentRef(name, row.string("agent_type"), row.string("system_prompt_hash"));
    }

    /**
     * The task of a row of a view that denormalises {@code dim_task} ({@code task_id}, {@code task_description},
     * {@code task_type}), or null when it has none.
     */
    public static TaskRef taskOf(Row row) {
        String id = row.string("task_id");
        return id == null ? null : new TaskRef(id, row.string("task_description"), row.string("task_type"));
    }

    /** The key of a session, or null for a null id. */
    public static Long session(FactContext context, String sessionId) {
        return context.key(SESSION, Arrays.asList(sessionId), Arrays.asList(null, null, null, null, null));
    }

    /**
     * The key of a session, filling in the user who recorded it ({@code user_key}, a key of the audit module's
     * {@code dim_user}) when it is not known yet.
     */
    public static Long session(FactContext context, String sessionId, Long userKey) {
        return context.key(SESSION, Arrays.asList(sessionId), Arrays.asList(null, null, null, null, userKey));
    }

    /** The key of a session, filling in what is known about it. */
    public static Long session(
            FactContext context,
            String sessionId,
            String project,
            String workingDir,
            String gitBranch,
            String clientVersion) {
        return context.key(
                SESSION, Arrays.asList(sessionId), Arrays.asList(project, workingDir, gitBranch, clientVersion, null));
    }

    /** The key of the agent version in effect, or null for a null agent. */
    public static Long agent(FactContext context, AgentRef agent) {
        return agent == null
                ? null
                : context.key(AGENT, List.of(agent.name()), Arrays.asList(agent.type(), agent.systemPromptHash()));
    }

    /** The key of a task, or null for a null task. */
    public static Long task(FactContext context, TaskRef task) {
        return task == null
                ? null
                : context.key(TASK, List.of(task.id()), Arrays.asList(task.description(), task.type()));
    }

    /** The key of a model, or null for a null name. */
    public static Long model(FactContext context, String modelName, String provider) {
        return context.key(MODEL, Arrays.asList(modelName), Arrays.asList(provider));
    }

    /**
     * The key of a tool, or null for a null name. Names like {@code mcp__server__tool} are MCP tools of
     * {@code server}; others are built in.
     */
    public static Long tool(FactContext context, String toolName) {
        if (toolName == null) {
            return null;
        }
        String type = "builtin";
        String server = null;
        if (toolName.startsWith("mcp__")) {
            type = "mcp";
            String rest = toolName.substring(5);
            int end = rest.indexOf("__");
            server = end > 0 ? rest.substring(0, end) : (rest.isEmpty() ? null : rest);
        }
        return context.key(TOOL, List.of(toolName), Arrays.asList(type, server));
    }

    /** The key of a file, or null for a null path; its type is the extension. */
    public static Long file(FactContext context, String filePath) {
        if (filePath == null) {
            return null;
        }
        return context.key(FILE, List.of(filePath), Arrays.asList(extension(filePath)));
    }

    /** The key of the component version in effect, or null for a null name. */
    public static Long component(FactContext context, String name, String type, String filePath) {
        return context.key(COMPONENT, Arrays.asList(name), Arrays.asList(type, filePath));
    }

    /** The extension of a path without the dot, lower case, or null. */
    static String extension(String path) {
        int slash = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
        String name = path.substring(slash + 1);
        int dot = name.lastIndexOf('.');
        return dot <= 0 || dot == name.length() - 1
                ? null
                : name.substring(dot + 1).toLowerCase(java.util.Locale.ROOT);
    }
}
