package dev.kiln.cli;

import static dev.kiln.cli.OracleBuilds.runKiln;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kiln.core.internal.FileTrees;
import dev.kiln.testkit.ec2.LocalEc2;
import dev.kiln.testkit.machine.LocalMachineHost;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The second seed article's pipeline with {@code kiln build}: the base template (its {@code ami_sha} from
 * {@code {{env `SHA`}}}) and then the snowflake template, whose source AMI is the base's, read from the base's
 * manifest into {@code AMI_BASE} as the article's scripts do, and whose name comes from {@code -var}. Both run
 * on LocalEc2; the templates are the corpus's, with only the local endpoint and SSH port added.
 */
class KilnSeedPairTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void buildsBaseThenSnowflakeFromTheBasesManifest(@TempDir Path dir) throws Exception {
        Path work = dir.resolve("work");
        FileTrees.copyTree(Path.of(getClass().getResource("/templates").toURI()), work);
        try (LocalMachineHost host = LocalMachineHost.create(dir.resolve("host"));
             LocalEc2 ec2 = LocalEc2.builder().machineHost(host).dataDir(dir.resolve("ec2")).start()) {
            OracleBuilds.onLocalEc2(work.resolve("valid/seed2-base.json"), ec2);
            OracleBuilds.onLocalEc2(work.resolve("valid/seed2-snowflake.json"), ec2);
            Map<String, String> env = new HashMap<>(ec2.clientEnvironment());
            env.put("SHA", "0123abcd");

            runKiln(work, env, "build", "valid/seed2-base.json").succeeded();
            String baseId = JSON.readTree(work.resolve("manifest-base.json").toFile()).path("builds").get(0)
                    .path("artifact_id").asText();
            assertThat(baseId).matches("us-east-1:ami-[0-9a-f]{17}");
            env.put("AMI_BASE", baseId.substring(baseId.indexOf(':') + 1));
            String output = runKiln(work, env, "build", "-var", "ami_name=snowflake-kiln", "valid/seed2-snowflake.json")
                    .succeeded().output();

            assertThat(output).startsWith("amazon-ebs: output will be in this color.\n\n")
                    .contains("==> amazon-ebs: Found Image ID: " + env.get("AMI_BASE"))
                    .contains("    amazon-ebs: docker\n")
                    .containsPattern("Build 'amazon-ebs' finished after [0-9]")
                    .contains("==> Builds finished. The artifacts of successful builds are:\n"
                            + "--> amazon-ebs: AMIs were created:\nus-east-1: ami-");
            JsonNode snowflake = JSON.readTree(work.resolve("manifest-snowflake.json").toFile()).path("builds").get(0);
            assertThat(snowflake.path("artifact_id").asText())
                    .matches("us-east-1:ami-[0-9a-f]{17},us-west-2:ami-[0-9a-f]{17}");
            assertThat(ec2.leaks()).isEmpty();
        }
    }
}
