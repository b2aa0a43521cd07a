package io.agentstore.cdc;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentstore.AgentStore;
import io.agentstore.cdc.check.Git;
import io.agentstore.testing.MutableClock;
import io.agentstore.testing.StoreExtension;
import io.agentstore.tokens.TokensModule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole pipeline through the facade: register, check when due, detect, classify (the {@code content.*} and
 * {@code git.*} rules fire here), find the affected components, and the views and cascade built on the facts.
 */
class CheckFlowTest {
    final MutableClock clock = MutableClock.at("2026-12-01T08:00:00Z");

    @RegisterExtension
    final StoreExtension stores = StoreExtension.inMemory()
            .install(TokensModule.create(), CdcModule.create())
            .clock(clock);

    @TempDir
    Path dir;

    private static List<String> lines(List<Change> changes) {
        return changes.stream()
                .map(c -> c.classification() + " " + c.ruleId() + " " + c.subject() + " " + c.affectedComponents())
                .toList();
    }

    @Test
    void aDocsFolderIsBaselinedThenItsChangesAreClassifiedForItsConsumers() throws IOException {
        AgentStore store = stores.get();
        CdcFacade cdc = CdcModule.of(store);
        Path docs = Files.createDirectories(dir.resolve("docs"));
        Files.writeString(docs.resolve("a.md"), "# API\nUse it.\n## Legacy\nOld.\n");
        Files.writeString(docs.resolve("b.md"), "# B\n");
        cdc.register(SourceRegistration.builder()
                .sourceName("vendor-docs")
                .sourceType(SourceType.DOCS)
                .location(docs.toString())
                .scheduleMinutes(60)
                .dependencyName("vendor-api")
                .build());
        cdc.link(ComponentDependency.of("billing-agent", "agent", "consumes", "vendor-api"));
        cdc.link(SkillSource.of("vendor-skill", "vendor-docs"));

        CheckReport first = cdc.check();
        assertThat(first.sources())
                .extracting(CheckReport.SourceCheck::sourceName)
                .containsExactly("vendor-docs");
        assertThat(first.changes()).isEmpty();
        assertThat(cdc.check().sources())
                .as("not due again within its 60 minutes")
                .isEmpty();

        clock.advance(Duration.ofMinutes(61));
        assertThat(cdc.check().changes()).as("due, but nothing changed").isEmpty();

        clock.advance(Duration.ofMinutes(61));
        Files.writeString(docs.resolve("a.md"), "# API\nUse it.\n");
        Files.delete(docs.resolve("b.md"));
        Files.writeString(docs.resolve("c.md"), "# C\n");
        CheckReport third = cdc.check();
        List<String> affected = List.of("billing-agent", "vendor-skill");
        assertThat(lines(third.changes()))
                .containsExactly(
                        "BREAKING markdown.section_removed API > Legacy " + affected,
                        "BREAKING content.removed b.md " + affected,
                        "ADDITIVE content.added c.md " + affected);
        assertThat(third.breakingAffectingComponents()).hasSize(2);
        assertThat(third.changes().get(0).pageUrl()).isEqualTo("a.md");
        assertThat(third.changes().get(0).dependencyName()).isEqualTo("vendor-api");

        // stored, and read back by the views
        assertThat(cdc.changes(Instant.parse("2026-12-01T00:00:00Z"), true)).hasSize(2);
        assertThat(store.sql("SELECT count(*) AS n FROM v_api_contract_changes")
                        .rows()
                        .get(0)
                        .int64("n"))
                .isZero();
        assertThat(store.sql("SELECT page_url, content_hash IS NULL AS gone FROM v_latest_page_hash ORDER BY page_url")
                        .rows())
                .extracting(r -> r.string("page_url") + " " + r.bool("gone"))
                .containsExactly("a.md false", "b.md true", "c.md false");
        assertThat(store.sql("SELECT count(*) AS n FROM v_watermark_checks WHERE page_url IS NULL")
                        .rows()
                        .get(0)
                        .int64("n"))
                .as("a check fact per check, changed or not")
                .isEqualTo(3);
        assertThat(cdc.skillFreshness())
                .containsExactly(
                        new SkillFreshness("vendor-skill", Instant.parse("2026-12-01T10:02:00Z"), null, 2, 1, true));
        assertThat(cdc.health("vendor-api")).hasValueSatisfying(h -> {
            assertThat(h.available()).isTrue();
            assertThat(h.breakingChanges7d()).isEqualTo(2);
        });

        // validated after the changes: fresh again
        clock.advance(Duration.ofMinutes(5));
        cdc.recordValidation(Validation.builder().skill("vendor-skill", null).build());
        assertThat(cdc.skillFreshness().get(0).stale()).isFalse();
        assertThat(cdc.skillFreshness().get(0).breakingChanges()).isZero();
    }

    @Test
    void aGitRepositoryReportsTheFilesBetweenTwoCommits() {
        Git git = Git.init(dir.resolve("repo")).write("keep.md", "k").write("gone.md", "g");
        String one = git.commit("one");
        CdcFacade cdc = CdcModule.of(stores.get());
        cdc.register(SourceRegistration.builder()
                .sourceName("skills-repo")
                .sourceType(SourceType.GIT)
                .location(dir.resolve("repo").toString())
                .scheduleMinutes(1)
                .build());
        cdc.link(SkillSource.of("repo-skill", "skills-repo"));
        assertThat(cdc.check().changes()).isEmpty();
        String two = git.write("keep.md", "k2")
                .delete("gone.md")
                .write("new.md", "n")
                .commit("two");
        clock.advance(Duration.ofMinutes(2));
        CheckReport r = cdc.check();
        assertThat(lines(r.changes()))
                .containsExactly(
                        // git lists them in path order
                        "BREAKING git.file_removed gone.md [repo-skill]",
                        "COSMETIC git.file_modified keep.md [repo-skill]",
                        "ADDITIVE git.file_added new.md [repo-skill]");
        assertThat(r.changes().get(0).oldHash()).isEqualTo(one);
        assertThat(r.changes().get(0).newHash()).isEqualTo(two);
        assertThat(stores.get()
                        .sql("SELECT commit_sha FROM v_latest_source_check")
                        .rows()
                        .get(0)
                        .string("commit_sha"))
                .isEqualTo(two);
    }

    @Test
    void aConfigFileWithoutAStructuralDifferIsJudgedByItsHash() throws IOException {
        Path config = Files.writeString(dir.resolve("app.conf"), "a=1\n");
        CdcFacade cdc = CdcModule.of(stores.get());
        cdc.register(SourceRegistration.builder()
                .sourceName("app-config")
                .sourceType(SourceType.CONFIG)
                .location(config.toString())
                .scheduleMinutes(1)
                .build());
        cdc.check();
        Files.writeString(config, "a=2\n");
        clock.advance(Duration.ofMinutes(1));
        assertThat(lines(cdc.check().changes())).containsExactly("COSMETIC content.changed app-config []");
        assertThat(cdc.check().sources()).isEmpty();
    }

    @Test
    void anOpenApiFileIsDiffedAgainstTheSnapshotOfTheLastChange() throws IOException {
        String v1 =
                "{\"openapi\":\"3.0.3\",\"paths\":{\"/a\":{\"get\":{\"responses\":{}}},\"/b\":{\"get\":{\"responses\":{}}}}}";
        String v2 = "{\"openapi\":\"3.0.3\",\"paths\":{\"/a\":{\"get\":{\"responses\":{}}}}}";
        Path spec = Files.writeString(dir.resolve("openapi.json"), v1);
        CdcFacade cdc = CdcModule.of(stores.get());
        cdc.register(SourceRegistration.builder()
                .sourceName("orders-api")
                .sourceType(SourceType.API)
                .location(spec.toString())
                .scheduleMinutes(1)
                .dependencyName("orders")
                .build());
        cdc.link(ComponentDependency.of("checkout", "service", "consumes", "orders"));
        cdc.check();
        Files.writeString(spec, v2);
        clock.advance(Duration.ofMinutes(1));
        CheckReport r = cdc.check();
        assertThat(lines(r.changes())).containsExactly("BREAKING openapi.path_removed /b [checkout]");
        assertThat(r.changes().get(0).method()).isEqualTo("GET");
        assertThat(stores.get()
                        .sql("SELECT endpoint, method, rule_id FROM v_api_contract_changes")
                        .rows())
                .extracting(x -> x.string("endpoint") + " " + x.string("method") + " " + x.string("rule_id"))
                .containsExactly("/b GET openapi.path_removed");
    }

    @Test
    void aPackageManifestIsJudgedBySemver() throws IOException {
        Path manifest = Files.writeString(
                dir.resolve("package.json"), "{\"dependencies\":{\"react\":\"^18.2.0\",\"zod\":\"3.22.4\"}}");
        CdcFacade cdc = CdcModule.of(stores.get());
        cdc.register(SourceRegistration.builder()
                .sourceName("web-deps")
                .sourceType(SourceType.PACKAGE)
                .location(manifest.toString())
                .scheduleMinutes(1)
                .dependencyName("web-runtime")
                .build());
        cdc.link(ComponentDependency.of("web", "app", "depends_on", "web-runtime"));
        cdc.check();
        Files.writeString(manifest, "{\"dependencies\":{\"react\":\"^19.0.0\",\"zod\":\"3.23.0\"}}");
        clock.advance(Duration.ofMinutes(1));
        assertThat(lines(cdc.check().changes()))
                .containsExactly(
                        "BREAKING package.major_changed react [web]", "ADDITIVE package.minor_upgraded zod [web]");
    }

    @Test
    void theImpactCascadeFollowsWhatComponentsProvide() {
        CdcFacade cdc = CdcModule.of(stores.get());
        cdc.link(ComponentDependency.of("gateway", "service", "consumes", "payments-api"));
        cdc.link(ComponentDependency.of("gateway", "service", "provides", "gateway-api"));
        cdc.link(ComponentDependency.of("mobile-app", "app", "consumes", "gateway-api"));
        cdc.link(ComponentDependency.of("reports", "job", "depends_on", "payments-api"));
        cdc.link(ComponentDependency.of("unrelated", "job", "consumes", "other-api"));
        assertThat(cdc.impact("payments-api"))
                .containsExactly(
                        new ImpactedComponent("gateway", "service", 1, "payments-api"),
                        new ImpactedComponent("reports", "job", 1, "payments-api"),
                        new ImpactedComponent("mobile-app", "app", 2, "gateway-api"));
        // a removed link no longer counts
        cdc.link(ComponentDependency.builder()
                .component("reports", "job")
                .link("depends_on", "payments-api")
                .removed()
                .build());
        assertThat(cdc.impact("payments-api"))
                .extracting(ImpactedComponent::componentName)
                .containsExactly("gateway", "mobile-app");
    }
}
