package io.agentstore.quality;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentstore.AgentStore;
import io.agentstore.spi.Row;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * {@code ingest tests} on the project's own Surefire and Failsafe reports: every report under
 * {@code <module>/target/surefire-reports} and {@code failsafe-reports} of this build (the modules built
 * before this one have run their tests by now), plus the project-owned flaky-rerun report. Per suite, the
 * store holds the tests, failures, errors and skipped counts the XML states, and the test re-counts the XML
 * itself through DOM, independently of the importer's StAX reader.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OwnSurefireReportsTest {
    private AgentStore store;
    private final List<Path> reports = new ArrayList<>();
    private TestImportSummary summary;

    @BeforeAll
    void importEverything() throws IOException {
        Path root = Path.of("").toAbsolutePath().getParent();
        try (Stream<Path> modules = Files.list(root)) {
            for (Path module : modules.filter(Files::isDirectory).sorted().toList()) {
                for (String folder : List.of("target/surefire-reports", "target/failsafe-reports")) {
                    Path dir = module.resolve(folder);
                    if (Files.isDirectory(dir)) {
                        try (Stream<Path> files = Files.list(dir)) {
                            files.filter(p -> p.getFileName().toString().matches("TEST-.*\\.xml"))
                                    .sorted()
                                    .forEach(reports::add);
                        }
                    }
                }
            }
        }
        reports.add(Fixtures.reports("surefire/TEST-sample.FlakyTest.xml"));
        store = Fixtures.store("2030-01-01T00:00:00Z");
        summary = QualityModule.of(store).importTestReports(reports);
    }

    @AfterAll
    void close() {
        store.close();
    }

    /** Per suite name: tests, failures, errors, skipped as stated by the attributes, and as counted from the children. */
    private static Map<String, List<List<Long>>> countWithDom(Path file) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        Document doc = f.newDocumentBuilder().parse(file.toFile());
        NodeList suites = doc.getElementsByTagName("testsuite");
        Map<String, List<List<Long>>> result = new TreeMap<>();
        for (int i = 0; i < suites.getLength(); i++) {
            Element suite = (Element) suites.item(i);
            long tests = 0;
            long failures = 0;
            long errors = 0;
            long skipped = 0;
            for (Node n = suite.getFirstChild(); n != null; n = n.getNextSibling()) {
                if (n instanceof Element tc && tc.getTagName().equals("testcase")) {
                    tests++;
                    if (tc.getElementsByTagName("error").getLength() > 0) {
                        errors++;
                    } else if (tc.getElementsByTagName("failure").getLength() > 0) {
                        failures++;
                    } else if (tc.getElementsByTagName("skipped").getLength() > 0) {
                        skipped++;
                    }
                }
            }
            result.put(
                    suite.getAttribute("name"),
                    List.of(
                            List.of(
                                    attr(suite, "tests"),
                                    attr(suite, "failures"),
                                    attr(suite, "errors"),
                                    attr(suite, "skipped")),
                            List.of(tests, failures, errors, skipped)));
        }
        return result;
    }

    private static long attr(Element e, String name) {
        String v = e.getAttribute(name);
        return v.isEmpty() ? 0 : Long.parseLong(v);
    }

    @TestFactory
    Stream<DynamicTest> everySuiteHasTheCountsOfItsXml() {
        assertThat(summary.badFiles()).as("bad files among %s", reports).isZero();
        assertThat(summary.files()).isEqualTo(reports.size());
        return reports.stream()
                .map(file -> DynamicTest.dynamicTest(
                        file.getParent().getParent().getParent().getFileName() + "/" + file.getFileName(), () -> {
                            Map<String, List<List<Long>>> dom = countWithDom(file);
                            assertThat(dom).as("suites of %s", file).isNotEmpty();
                            List<Row> rows = store.sql(
                                            "SELECT suite_name, tests, failures, errors, skipped FROM v_test_suites"
                                                    + " WHERE report_path = ?",
                                            file.toAbsolutePath().toString())
                                    .rows();
                            Map<String, List<Long>> stored = new TreeMap<>();
                            rows.forEach(r -> stored.put(
                                    r.string("suite_name"),
                                    List.of(
                                            r.int64("tests"),
                                            r.int64("failures"),
                                            r.int64("errors"),
                                            r.int64("skipped"))));
                            Map<String, List<Long>> stated = new TreeMap<>();
                            Map<String, List<Long>> counted = new TreeMap<>();
                            dom.forEach((suite, both) -> {
                                stated.put(suite, both.get(0));
                                counted.put(suite, both.get(1));
                            });
                            assertThat(counted)
                                    .as("DOM count vs the suite attributes of %s", file)
                                    .isEqualTo(stated);
                            assertThat(stored)
                                    .as("store vs the XML of %s", file)
                                    .isEqualTo(stated);
                        }));
    }
}
