package io.agentstore;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The package layering of the whole repository, read from the {@code import} lines of every module's sources:
 * {@code io.agentstore.spi} below {@code io.agentstore.core} below {@code io.agentstore}, with no cycle among
 * them (also none through other packages), and no source file importing an {@code internal} package of
 * another artifact.
 */
class PackageDependencyTest {
    /** The packages that must form a DAG. */
    static final Set<String> LAYERS = Set.of("io.agentstore", "io.agentstore.spi", "io.agentstore.core");

    private static final Pattern PACKAGE = Pattern.compile("(?m)^package\\s+([\\w.]+)\\s*;");
    private static final Pattern IMPORT = Pattern.compile("(?m)^import\\s+(static\\s+)?([\\w.]+)(\\.\\*)?\\s*;");
    private static final Pattern MODULE = Pattern.compile("<module>([^<]+)</module>");
    /** A fully qualified name in code, for example {@code io.agentstore.internal.Json.MAPPER}. */
    private static final Pattern QUALIFIED = Pattern.compile("\\bio\\.agentstore(?:\\.\\w+)+");
    /** Comments, string and character literals: what a qualified name in them is not a dependency of. */
    private static final Pattern NOT_CODE = Pattern.compile(
            "(?s)/\\*.*?\\*/|//[^\\n]*|\"\"\".*?\"\"\"|\"(?:\\\\.|[^\"\\\\\\n])*\"|'(?:\\\\.|[^'\\\\])'");

    /** One source file: its artifact (module folder), package and imported names. */
    record Source(String artifact, boolean main, Path file, String pkg, List<String> imports) {}

    @Test
    void theLayersFormADag() {
        List<Source> sources = repositorySources();
        assertThat(sources).as("sources found under %s", repositoryRoot()).hasSizeGreaterThan(100);
        Map<String, Set<String>> graph =
                packageGraph(sources.stream().filter(Source::main).toList());
        assertThat(graph).containsKeys("io.agentstore", "io.agentstore.spi", "io.agentstore.core");
        assertThat(cyclesAmong(graph, LAYERS))
                .as("package cycles that join two of %s", LAYERS)
                .isEmpty();
        assertThat(graph.get("io.agentstore.spi"))
                .as("io.agentstore.spi depends on")
                .noneMatch(p -> p.equals("io.agentstore")
                        || p.startsWith("io.agentstore.core")
                        || p.equals("io.agentstore.internal"));
    }

    @Test
    void noSourceImportsAnotherArtifactsInternalPackage() {
        List<Source> sources = repositorySources();
        assertThat(internalImports(sources))
                .as("imports of another artifact's internal package")
                .isEmpty();
    }

    @Test
    void aCycleBetweenTwoLayersIsFoundEvenThroughAnotherPackage() {
        Map<String, Set<String>> graph = new HashMap<>();
        graph.put("io.agentstore", Set.of("io.agentstore.spi", "io.agentstore.core"));
        graph.put("io.agentstore.core", Set.of("io.agentstore.spi"));
        graph.put("io.agentstore.spi", Set.of("io.agentstore.internal"));
        graph.put("io.agentstore.internal", Set.of("io.agentstore"));
        assertThat(cyclesAmong(graph, LAYERS))
                .singleElement()
                .asString()
                .contains("io.agentstore.spi", "io.agentstore.internal", "io.agentstore");
        graph.put("io.agentstore.spi", Set.of());
        assertThat(cyclesAmong(graph, LAYERS)).isEmpty();
        // a module and its own internal package may use each other
        graph.put("io.agentstore.tokens", Set.of("io.agentstore.tokens.internal"));
        graph.put("io.agentstore.tokens.internal", Set.of("io.agentstore.tokens", "io.agentstore.spi"));
        assertThat(cyclesAmong(graph, LAYERS)).isEmpty();
    }

    @Test
    void aQualifiedNameInCodeCountsButNotInCommentsOrStrings() {
        String source =
                "package io.agentstore.x;\nimport io.agentstore.spi.Row;\n/** {@link io.agentstore.internal.A} */\n"
                        + "class X { // io.agentstore.internal.B\n String s = \"io.agentstore.internal.C\";\n"
                        + " Object o = io.agentstore.internal.Json.MAPPER; }\n";
        assertThat(qualifiedNames(source)).containsExactly("io.agentstore.internal.Json.MAPPER");
    }

    @Test
    void anImportOfAnotherArtifactsInternalPackageIsFound() {
        List<Source> sources = List.of(
                new Source("agent-store-core", true, Path.of("W.java"), "io.agentstore.internal", List.of()),
                new Source(
                        "agent-store-core",
                        true,
                        Path.of("A.java"),
                        "io.agentstore",
                        List.of("io.agentstore.internal.W")),
                new Source(
                        "agent-store-ext-x",
                        true,
                        Path.of("X.java"),
                        "io.agentstore.x",
                        List.of("io.agentstore.spi.Checks", "io.agentstore.internal.W")),
                new Source(
                        "agent-store-ext-x",
                        false,
                        Path.of("XTest.java"),
                        "io.agentstore.x",
                        List.of("io.agentstore.internal.W.Inner")));
        assertThat(internalImports(sources))
                .containsExactly(
                        "agent-store-ext-x: X.java imports io.agentstore.internal.W (owned by [agent-store-core])",
                        "agent-store-ext-x: XTest.java imports io.agentstore.internal.W.Inner (owned by [agent-store-core])");
    }

    // ---------------------------------------------------------------------------------------------- analysis

    /** Package -> the io.agentstore packages its files import (itself excluded). */
    static Map<String, Set<String>> packageGraph(List<Source> sources) {
        Set<String> known = new TreeSet<>();
        sources.forEach(s -> known.add(s.pkg()));
        Map<String, Set<String>> graph = new TreeMap<>();
        for (Source s : sources) {
            Set<String> out = graph.computeIfAbsent(s.pkg(), k -> new TreeSet<>());
            for (String imported : s.imports()) {
                String pkg = packageOf(imported, known);
                if (pkg != null && !pkg.equals(s.pkg())) {
                    out.add(pkg);
                }
            }
        }
        return graph;
    }

    /** The longest known package that {@code name} (a class, nested class, member or package) lies in. */
    static String packageOf(String name, Set<String> known) {
        for (String n = name; n.contains("."); n = n.substring(0, n.lastIndexOf('.'))) {
            if (known.contains(n)) {
                return n;
            }
        }
        return known.contains(name) ? name : null;
    }

    /**
     * The strongly connected components (Tarjan) that hold two or more of {@code layers}, each as the sorted
     * list of its packages.
     */
    static List<String> cyclesAmong(Map<String, Set<String>> graph, Set<String> layers) {
        Map<String, Integer> index = new HashMap<>();
        Map<String, Integer> low = new HashMap<>();
        Deque<String> stack = new ArrayDeque<>();
        Set<String> onStack = new java.util.HashSet<>();
        List<Set<String>> components = new ArrayList<>();
        int[] counter = {0};
        for (String v : new TreeSet<>(graph.keySet())) {
            if (!index.containsKey(v)) {
                strongConnect(v, graph, index, low, stack, onStack, components, counter);
            }
        }
        List<String> bad = new ArrayList<>();
        for (Set<String> c : components) {
            if (c.stream().filter(layers::contains).count() >= 2) {
                bad.add(new TreeSet<>(c).toString());
            }
        }
        return bad;
    }

    private static void strongConnect(
            String v,
            Map<String, Set<String>> graph,
            Map<String, Integer> index,
            Map<String, Integer> low,
            Deque<String> stack,
            Set<String> onStack,
            List<Set<String>> components,
            int[] counter) {
        index.put(v, counter[0]);
        low.put(v, counter[0]++);
        stack.push(v);
        onStack.add(v);
        for (String w : graph.getOrDefault(v, Set.of())) {
            if (!index.containsKey(w)) {
                strongConnect(w, graph, index, low, stack, onStack, components, counter);
                low.put(v, Math.min(low.get(v), low.get(w)));
            } else if (onStack.contains(w)) {
                low.put(v, Math.min(low.get(v), index.get(w)));
            }
        }
        if (low.get(v).equals(index.get(v))) {
            Set<String> component = new TreeSet<>();
            String w;
            do {
                w = stack.pop();
                onStack.remove(w);
                component.add(w);
            } while (!w.equals(v));
            components.add(component);
        }
    }

    /** Every import of an {@code internal} package by a file of an artifact that does not own it. */
    static List<String> internalImports(List<Source> sources) {
        Map<String, Set<String>> owners = new HashMap<>();
        for (Source s : sources) {
            if (s.main()) {
                owners.computeIfAbsent(s.pkg(), k -> new TreeSet<>()).add(s.artifact());
            }
        }
        List<String> found = new ArrayList<>();
        for (Source s : sources) {
            for (String imported : s.imports()) {
                String pkg = packageOf(imported, owners.keySet());
                if (pkg == null || !List.of(pkg.split("\\.")).contains("internal")) {
                    continue;
                }
                if (!owners.get(pkg).contains(s.artifact())) {
                    found.add(s.artifact() + ": " + s.file() + " imports " + imported + " (owned by " + owners.get(pkg)
                            + ")");
                }
            }
        }
        return found;
    }

    // ---------------------------------------------------------------------------------------------- reading

    /** The folder of the parent pom: {@code maven.multiModuleProjectDirectory}, else the topmost pom with modules. */
    static Path repositoryRoot() {
        String property = System.getProperty("maven.multiModuleProjectDirectory");
        if (property != null && Files.isRegularFile(Path.of(property, "pom.xml")) && hasModules(Path.of(property))) {
            return Path.of(property).toAbsolutePath().normalize();
        }
        Path root = null;
        for (Path p = Paths.get("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (hasModules(p)) {
                root = p;
            }
        }
        if (root == null) {
            throw new IllegalStateException(
                    "no parent pom with <modules> above " + Paths.get("").toAbsolutePath());
        }
        return root;
    }

    private static boolean hasModules(Path dir) {
        Path pom = dir.resolve("pom.xml");
        try {
            return Files.isRegularFile(pom) && Files.readString(pom).contains("<modules>");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The fully qualified io.agentstore names used in code (not in imports, comments or strings). */
    static List<String> qualifiedNames(String source) {
        String code = NOT_CODE.matcher(source).replaceAll(" ");
        code = PACKAGE.matcher(code).replaceAll(" ");
        code = IMPORT.matcher(code).replaceAll(" ");
        List<String> names = new ArrayList<>();
        Matcher m = QUALIFIED.matcher(code);
        while (m.find()) {
            names.add(m.group());
        }
        return names;
    }

    /** The Java sources of every module of the parent pom (main and test). */
    static List<Source> repositorySources() {
        Path root = repositoryRoot();
        List<Source> sources = new ArrayList<>();
        try {
            Matcher m = MODULE.matcher(Files.readString(root.resolve("pom.xml")));
            Map<String, Path> modules = new LinkedHashMap<>();
            while (m.find()) {
                modules.put(m.group(1).trim(), root.resolve(m.group(1).trim()));
            }
            assertThat(modules).as("modules of %s", root.resolve("pom.xml")).containsKey("agent-store-core");
            for (Map.Entry<String, Path> module : modules.entrySet()) {
                Path src = module.getValue().resolve("src");
                if (!Files.isDirectory(src)) {
                    continue;
                }
                try (Stream<Path> files = Files.walk(src)) {
                    for (Path f :
                            files.filter(p -> p.toString().endsWith(".java")).toList()) {
                        String text = Files.readString(f);
                        Matcher pm = PACKAGE.matcher(text);
                        String pkg = pm.find() ? pm.group(1) : "";
                        List<String> imports = new ArrayList<>();
                        Matcher im = IMPORT.matcher(text);
                        while (im.find()) {
                            if (im.group(2).startsWith("io.agentstore")) {
                                imports.add(im.group(2));
                            }
                        }
                        imports.addAll(qualifiedNames(text));
                        boolean main = src.relativize(f).startsWith("main");
                        sources.add(new Source(module.getKey(), main, root.relativize(f), pkg, imports));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return sources;
    }
}
