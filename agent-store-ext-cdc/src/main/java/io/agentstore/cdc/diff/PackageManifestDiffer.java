package io.agentstore.cdc.diff;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * Diffs two package manifests with the {@code package.*} rules: the declared dependencies and the semver meaning
 * of each version move (a major move, or a minor move of a 0.x version, is BREAKING). Formats, told apart by their
 * content: Maven {@code pom.xml} ({@code groupId:artifactId}, {@code ${property}} versions resolved from
 * {@code <properties>}), npm {@code package.json} (all four dependency maps), {@code pyproject.toml} (PEP 621
 * {@code dependencies} and Poetry's {@code [tool.poetry.dependencies]}) and {@code requirements.txt}. A
 * version range is judged by the first version in it ({@code ^1.2.0} and {@code >=1.2} by 1.2.0 and 1.2).
 */
public final class PackageManifestDiffer implements Differ {
    private static final Pattern VERSION =
            Pattern.compile("(\\d+)(?:\\.(\\d+))?(?:\\.(\\d+))?([-+.]?[0-9A-Za-z.+-]*)?");
    private static final Pattern REQUIREMENT = Pattern.compile(
            "^\\s*([A-Za-z0-9][A-Za-z0-9._-]*)(?:\\[[^]]*])?\\s*(?:(===|==|~=|>=|<=|!=|>|<)\\s*([^;,\\s]+))?");

    /** A differ; it holds no state. */
    public PackageManifestDiffer() {}

    @Override
    public String id() {
        return "package";
    }

    @Override
    public List<DetectedChange> diff(String oldText, String newText) {
        Map<String, String> a = dependencies("the old manifest", oldText);
        Map<String, String> b = dependencies("the new manifest", newText);
        List<DetectedChange> out = new ArrayList<>();
        a.forEach((name, v) -> {
            if (!b.containsKey(name)) {
                emit(out, "dependency_removed", name, v, null, name + " " + orNone(v) + " was removed");
            } else if (!Objects.equals(v, b.get(name))) {
                String w = b.get(name);
                String kind = kind(v, w);
                emit(out, kind, name, v, w, name + " moved from " + orNone(v) + " to " + orNone(w));
            }
        });
        b.forEach((name, w) -> {
            if (!a.containsKey(name)) {
                emit(out, "dependency_added", name, null, w, name + " " + orNone(w) + " was added");
            }
        });
        return List.copyOf(out);
    }

    private static String orNone(String v) {
        return v == null ? "(no version)" : v;
    }

    /** The kind of a version move by semver. */
    static String kind(String from, String to) {
        Matcher f = from == null ? null : VERSION.matcher(from);
        Matcher t = to == null ? null : VERSION.matcher(to);
        if (f == null || t == null || !f.find() || !t.find()) {
            return "version_changed";
        }
        long[] x = parts(f);
        long[] y = parts(t);
        if (x[0] != y[0] || (x[0] == 0 && x[1] != y[1])) {
            return "major_changed";
        }
        if (x[1] != y[1]) {
            return y[1] > x[1] ? "minor_upgraded" : "minor_downgraded";
        }
        return "patch_changed";
    }

    private static long[] parts(Matcher m) {
        return new long[] {
            Long.parseLong(m.group(1)),
            m.group(2) == null ? 0 : Long.parseLong(m.group(2)),
            m.group(3) == null ? 0 : Long.parseLong(m.group(3))
        };
    }

    private static void emit(
            List<DetectedChange> out, String kind, String subject, String oldValue, String newValue, String summary) {
        out.add(new DetectedChange(Rules.get("package." + kind), subject, null, oldValue, newValue, summary));
    }

    /** The declared dependencies of a manifest: name to version (null when it declares none). */
    static Map<String, String> dependencies(String what, String text) {
        if (text == null) {
            throw new IllegalArgumentException(what + " is missing");
        }
        String t = text.strip();
        if (t.startsWith("<")) {
            return pom(what, t);
        }
        if (t.startsWith("{")) {
            JsonNode root = Documents.parse(what, t);
            Map<String, String> deps = new LinkedHashMap<>();
            for (String section :
                    List.of("dependencies", "devDependencies", "peerDependencies", "optionalDependencies")) {
                root.path(section)
                        .properties()
                        .forEach(e -> deps.put(e.getKey(), e.getValue().asText()));
            }
            return deps;
        }
        if (t.contains("[project]") || t.contains("[tool.poetry")) {
            return pyproject(t);
        }
        Map<String, String> deps = new LinkedHashMap<>();
        for (String line : t.split("\\R")) {
            requirement(line, deps);
        }
        return deps;
    }

    private static void requirement(String line, Map<String, String> deps) {
        String l = line.replaceAll("#.*", "").strip();
        if (l.isEmpty() || l.startsWith("-")) {
            return;
        }
        Matcher m = REQUIREMENT.matcher(l);
        if (m.find()) {
            deps.put(m.group(1).toLowerCase(java.util.Locale.ROOT).replace('_', '-'), m.group(3));
        }
    }

    private static Map<String, String> pyproject(String text) {
        Map<String, String> deps = new LinkedHashMap<>();
        String table = "";
        boolean inArray = false;
        for (String raw : text.split("\\R")) {
            String line = raw.replaceAll("\\s+#.*", "").strip();
            if (line.startsWith("[") && !inArray) {
                table = line;
                continue;
            }
            if (table.equals("[project]") && (line.startsWith("dependencies") || inArray)) {
                Matcher q = Pattern.compile("\"([^\"]+)\"|'([^']+)'").matcher(line);
                while (q.find()) {
                    requirement(q.group(1) != null ? q.group(1) : q.group(2), deps);
                }
                inArray = !line.replaceAll("\"[^\"]*\"|'[^']*'", "").contains("]");
            } else if (table.equals("[tool.poetry.dependencies]") && line.contains("=")) {
                String name = line.substring(0, line.indexOf('=')).strip();
                Matcher v = Pattern.compile("\"([^\"]*)\"").matcher(line.substring(line.indexOf('=') + 1));
                if (!name.equals("python")) {
                    deps.put(name.toLowerCase(java.util.Locale.ROOT), v.find() ? v.group(1) : null);
                }
            }
        }
        return deps;
    }

    private static Map<String, String> pom(String what, String text) {
        Document doc;
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setExpandEntityReferences(false);
            doc = f.newDocumentBuilder().parse(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalArgumentException(what + " is not a valid pom.xml: " + e.getMessage(), e);
        }
        Element project = doc.getDocumentElement();
        Map<String, String> properties = new HashMap<>();
        Element props = child(project, "properties");
        if (props != null) {
            NodeList list = props.getChildNodes();
            for (int i = 0; i < list.getLength(); i++) {
                if (list.item(i) instanceof Element e) {
                    properties.put(e.getTagName(), e.getTextContent().strip());
                }
            }
        }
        Map<String, String> deps = new LinkedHashMap<>();
        NodeList all = project.getElementsByTagName("dependency");
        for (int i = 0; i < all.getLength(); i++) {
            Element d = (Element) all.item(i);
            Node parent = d.getParentNode();
            if (!(parent instanceof Element p) || !p.getTagName().equals("dependencies")) {
                continue;
            }
            String name = text(child(d, "groupId")) + ":" + text(child(d, "artifactId"));
            String version = text(child(d, "version"));
            if (version != null && version.startsWith("${") && version.endsWith("}")) {
                version = properties.getOrDefault(version.substring(2, version.length() - 1), version);
            }
            deps.put(name, version);
        }
        return deps;
    }

    private static Element child(Element parent, String name) {
        NodeList list = parent.getChildNodes();
        for (int i = 0; i < list.getLength(); i++) {
            if (list.item(i) instanceof Element e && e.getTagName().equals(name)) {
                return e;
            }
        }
        return null;
    }

    private static String text(Element e) {
        return e == null ? null : e.getTextContent().strip();
    }
}
