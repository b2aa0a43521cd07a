package io.agentstore.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** Where and when a benchmark ran, for the report. */
record Machine(String date, int cores, String memory, String jvm, String os) {
    static Machine current() {
        String memory = "?";
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal:")) {
                    long kb = Long.parseLong(line.replaceAll("[^0-9]", ""));
                    memory = String.format(Locale.ROOT, "%.0f GiB", kb / 1024.0 / 1024.0);
                }
            }
        } catch (Exception e) {
            memory = "?";
        }
        return new Machine(
                LocalDate.now(ZoneOffset.UTC).toString(),
                Runtime.getRuntime().availableProcessors(),
                memory,
                System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"),
                System.getProperty("os.name") + " " + System.getProperty("os.arch"));
    }

    String summary() {
        return date + ", " + cores + " cores, " + memory + ", " + jvm + ", " + os;
    }

    Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("date", date);
        m.put("cores", cores);
        m.put("memory", memory);
        m.put("jvm", jvm);
        m.put("os", os);
        return m;
    }
}
