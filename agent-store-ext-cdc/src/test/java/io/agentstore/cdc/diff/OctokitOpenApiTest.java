package io.agentstore.cdc.diff;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The OpenAPI differ on GitHub's published description at {@code @octokit/openapi} 22.0.0 and 23.0.0 (test
 * resources, MIT). Operation-level changes must equal those of an independent oracle (a Python script beside the
 * documents); field-level changes below were checked by hand in the two JSON files.
 */
class OctokitOpenApiTest {
    private static final Pattern OPERATION_RULES = Pattern.compile(
            "openapi\\.(path_|operation_|parameter_|required_parameter_|request_body_|response_(added|removed)|media_type_).*");
    private static List<DetectedChange> changes;

    static String resource(String name) {
        try (InputStream raw = OctokitOpenApiTest.class.getResourceAsStream("/octokit/" + name)) {
            InputStream in = name.endsWith(".gz") ? new GZIPInputStream(raw) : raw;
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @BeforeAll
    static void diff() {
        changes = new OpenApiDiffer()
                .diff(resource("api.github.com-22.0.0.json.gz"), resource("api.github.com-23.0.0.json.gz"));
    }

    private static Set<String> lines() {
        return changes.stream().map(c -> c.classification() + " " + c.key()).collect(Collectors.toSet());
    }

    @Test
    void operationLevelChangesAreExactlyThoseOfTheIndependentOracle() {
        Set<String> expected = Arrays.stream(
                        resource("expected-operations-22.0.0-to-23.0.0.txt").split("\n"))
                .filter(l -> !l.isBlank())
                .collect(Collectors.toSet());
        Set<String> actual = changes.stream()
                .filter(c -> OPERATION_RULES.matcher(c.rule().id()).matches())
                .map(c -> c.classification() + " " + c.key())
                .collect(Collectors.toSet());
        assertThat(expected).hasSize(274);
        assertThat(actual).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void theRemovedTeamDiscussionEndpointsAreBreaking() {
        assertThat(lines())
                .contains(
                        "BREAKING openapi.path_removed GET /orgs/{org}/teams/{team_slug}/discussions",
                        "BREAKING openapi.path_removed POST /orgs/{org}/teams/{team_slug}/discussions",
                        "BREAKING openapi.path_removed GET /orgs/{org}/copilot/metrics",
                        "BREAKING openapi.response_removed GET"
                                + " /repos/{owner}/{repo}/code-scanning/alerts/{alert_number}/autofix#responses/503",
                        "BREAKING openapi.media_type_removed GET"
                                + " /repos/{owner}/{repo}/code-scanning/analyses/{analysis_id}#responses/200/application/json+sarif");
    }

    /** Each checked by hand in the two documents (the values in the comments are theirs). */
    @Test
    void fieldLevelChangesCheckedByHand() {
        assertThat(lines())
                .contains(
                        // requestBody.required: absent in 22, ["selected_repository_ids"] in 23
                        "BREAKING openapi.request.became_required DELETE /orgs/{org}/code-security/configurations/detach"
                                + "#requestBody/application/json/properties/selected_repository_ids",
                        // resources.code_scanning_upload of rate-limit-overview is gone in 23 (a response schema)
                        "BREAKING openapi.response.property_removed"
                                + " #/components/schemas/rate-limit-overview/properties/resources/properties/code_scanning_upload",
                        // ... and copilot_usage_records appears
                        "ADDITIVE openapi.response.property_added"
                                + " #/components/schemas/rate-limit-overview/properties/resources/properties/copilot_usage_records",
                        // actor_type enum gains "User"; the schema is read in responses, where a new value breaks
                        // clients
                        "BREAKING openapi.response.enum_value_added"
                                + " #/components/schemas/repository-ruleset-bypass-actor/properties/actor_type/enum/User",
                        // description: {type: string} in 22, {type: string, nullable: true} in 23, in responses
                        "BREAKING openapi.response.type_widened"
                                + " #/components/schemas/code-security-configuration/properties/description/type",
                        // issue "type": a nullable string in 22, a nullable oneOf (no type) in 23: accepts more
                        "ADDITIVE openapi.request.type_widened PATCH /repos/{owner}/{repo}/issues/{issue_number}"
                                + "#requestBody/application/json/properties/type/type",
                        // app-permissions.team_discussions exists in 22 and not in 23; app-permissions is a request
                        // schema too
                        "BREAKING openapi.request.property_removed #/components/schemas/app-permissions/properties/team_discussions");
    }

    @Test
    void everyChangeNamesAKnownRuleOfTheOpenApiDiffer() {
        assertThat(changes).isNotEmpty().allSatisfy(c -> {
            assertThat(Rules.find(c.rule().id())).contains(c.rule());
            assertThat(c.rule().differ()).isEqualTo("openapi");
        });
    }
}
