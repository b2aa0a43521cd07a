package io.agentstore.claudecode;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Where Claude Code keeps its transcripts on this machine. */
public final class ClaudeCodeLocations {
    private ClaudeCodeLocations() {}

    /** The project folders for this process's environment and home folder ($HOME, else user.home). */
    public static List<Path> projectDirs() {
        String home = System.getenv("HOME");
        return projectDirs(
                System.getenv(), Path.of(home != null && !home.isBlank() ? home : System.getProperty("user.home")));
    }

    /**
     * {@code $CLAUDE_CONFIG_DIR/projects} for each comma-separated entry when the variable is set;
     * otherwise those of {@code ~/.config/claude/projects} and {@code ~/.claude/projects} that exist (the
     * latter when neither does).
     */
    public static List<Path> projectDirs(Map<String, String> env, Path home) {
        List<Path> dirs = new ArrayList<>();
        String configured = env.get("CLAUDE_CONFIG_DIR");
        if (configured != null && !configured.isBlank()) {
            for (String part : configured.split(",")) {
                if (!part.isBlank()) {
                    dirs.add(Path.of(part.trim()).resolve("projects"));
                }
            }
            return dirs;
        }
        Path xdg = home.resolve(".config/claude/projects");
        Path classic = home.resolve(".claude/projects");
        if (Files.isDirectory(xdg)) {
            dirs.add(xdg);
        }
        if (Files.isDirectory(classic) || dirs.isEmpty()) {
            dirs.add(classic);
        }
        return dirs;
    }
}
