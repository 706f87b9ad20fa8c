package dev.kiln.core.post;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kiln.core.fake.FakeArtifact;
import dev.kiln.core.fake.RecordingContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Checks Kiln's manifest against the one real Packer 1.6.6 writes (file builder, no cloud). */
class PackerManifestCompatibilityTest {
    private static final Path PACKER = Path.of("/usr/bin/packer");

    @TempDir
    Path dir;

    private void packerBuild(Path manifest) throws Exception {
        assertThat(PACKER).as("Packer 1.6.6 is needed: apt-get install packer").isExecutable();
        Path template = Files.writeString(dir.resolve("template.json"), """
                {"builders": [{"type": "file", "name": "web", "content": "hello", "target": "%s"}],
                 "post-processors": [{"type": "manifest", "output": "%s", "strip_path": true,
                                      "custom_data": {"team": "web <&>", "git_sha": "abc"}}]}
                """.formatted(dir.resolve("out.txt"), manifest));
        ProcessBuilder build = new ProcessBuilder(PACKER.toString(), "build", template.toString())
                .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(dir.resolve("packer.log").toFile());
        build.environment().put("CHECKPOINT_DISABLE", "1");
        build.environment().put("HOME", dir.toString());
        Process packer = build.start();
        assertThat(packer.waitFor(120, TimeUnit.SECONDS)).as("packer build finished").isTrue();
        assertThat(packer.exitValue()).as(() -> "packer build failed: " + read(dir.resolve("packer.log"))).isZero();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (Exception e) {
            return e.toString();
        }
    }

    @Test
    void kilnWritesTheSameBytesAsPackerForTheSameBuild() throws Exception {
        Path packers = dir.resolve("packer-manifest.json");
        packerBuild(packers);
        JsonNode entry = new ObjectMapper().readTree(packers.toFile()).at("/builds/0");
        Path kilns = dir.resolve("kiln-manifest.json");

        PostProcessors.manifest(kilns).stripPath(true).customData("team", "web <&>").customData("git_sha", "abc")
                .clock(Clock.fixed(Instant.ofEpochSecond(entry.get("build_time").asLong()), ZoneOffset.UTC)).build()
                .process(new RecordingContext("web", entry.get("packer_run_uuid").asText()),
                        new FakeArtifact("file", "File", List.of(dir.resolve("out.txt").toString())));

        assertThat(Files.readString(kilns)).isEqualTo(Files.readString(packers));
    }

    @Test
    void packerAndKilnAppendToEachOthersManifest() throws Exception {
        Path manifest = dir.resolve("manifest.json");
        PostProcessors.manifest(manifest).build()
                .process(new RecordingContext("kiln-web", "11111111-2222-3333-4444-555555555555"),
                        FakeArtifact.image("us-east-1:ami-0abc"));
        packerBuild(manifest);
        PostProcessors.manifest(manifest).build()
                .process(new RecordingContext("kiln-db", "66666666-7777-8888-9999-000000000000"),
                        FakeArtifact.image("us-east-1:ami-0def"));

        JsonNode root = new ObjectMapper().readTree(manifest.toFile());
        assertThat(root.get("builds").findValuesAsText("name")).containsExactly("kiln-web", "web", "out.txt", "kiln-db");
        assertThat(root.get("last_run_uuid").asText()).isEqualTo("66666666-7777-8888-9999-000000000000");
    }
}
