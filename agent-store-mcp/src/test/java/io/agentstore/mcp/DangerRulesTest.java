package io.agentstore.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DangerRulesTest {

    private static Optional<String> ruleFor(String command) {
        ObjectNode input = JsonNodeFactory.instance.objectNode().put("command", command);
        return DangerRules.defaults().match("Bash", input).map(DangerRules.Rule::id);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '#',
            value = {
                "rm -rf /#rm-rf-root-or-home",
                "sudo rm -rf / --no-preserve-root#rm-rf-root-or-home",
                "rm -fr ~#rm-rf-root-or-home",
                "rm -r -f ~/#rm-rf-root-or-home",
                "cd /tmp && rm -Rf /*#rm-rf-root-or-home",
                "rm -rf \"$HOME\"#rm-rf-root-or-home",
                "git push --force origin main#force-push-main",
                "git push -f origin master#force-push-main",
                "git push origin +main#force-push-main",
                "psql -c 'DROP DATABASE prod'#drop-database",
                "echo 'drop database x' | mysql#drop-database",
                "chmod -R 777 /#chmod-777-root",
                "sudo mkfs.ext4 /dev/sdb1#mkfs",
                "dd if=/dev/zero of=/dev/sda bs=1M#dd-to-disk",
                ":(){ :|:& };:#fork-bomb"
            })
    void theDefaultsDenyTheDangerousOperations(String command, String rule) {
        assertThat(ruleFor(command)).as(command).contains(rule);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "rm -rf ./build",
                "rm -rf /tmp/agent-store-test",
                "rm -rf ~/projects/old/build",
                "git push origin main",
                "git push --force origin feature/x",
                "chmod -R 755 ./bin",
                "chmod 777 /tmp/x",
                "dd if=disk.img of=out.img",
                "ls /",
                "echo mkfsomething",
                "git reset --hard HEAD~1"
            })
    void ordinaryCommandsPass(String command) {
        assertThat(ruleFor(command)).as(command).isEmpty();
    }

    @Test
    void onlyTheNamedToolsAreChecked() {
        ObjectNode input = JsonNodeFactory.instance.objectNode().put("command", "rm -rf /");
        assertThat(DangerRules.defaults().match("Write", input)).isEmpty();
    }

    @Test
    void aRulesFileBesideTheDatabaseReplacesTheDefaults(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve(DangerRules.FILE_NAME), """
                {"rules":[{"id":"no-curl","tools":["Bash"],"patterns":["\\\\bcurl\\\\b"],"reason":"no network"}]}""");
        DangerRules rules = DangerRules.besideDatabase(dir.resolve("store.duckdb"));
        ObjectNode curl = JsonNodeFactory.instance.objectNode().put("command", "curl http://example.org");
        ObjectNode rm = JsonNodeFactory.instance.objectNode().put("command", "rm -rf /");
        assertThat(rules.match("Bash", curl)).map(DangerRules.Rule::reason).contains("no network");
        assertThat(rules.match("Bash", rm)).isEmpty();
    }

    @Test
    void aBadRuleIsNamed() {
        String text = "{\"rules\":[{\"id\":\"broken\",\"patterns\":[\"(\"],\"reason\":\"x\"}]}";
        assertThatThrownBy(() ->
                        DangerRules.parse(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "f.json"))
                .hasMessageContaining("rules[0] (broken)")
                .hasMessageContaining("not a regular expression");
    }
}
