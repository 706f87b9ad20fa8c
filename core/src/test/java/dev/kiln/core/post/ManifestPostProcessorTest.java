package dev.kiln.core.post;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kiln.core.KilnException;
import dev.kiln.core.fake.FakeArtifact;
import dev.kiln.core.fake.RecordingContext;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManifestPostProcessorTest {
    private static final String FIRST_RUN = "6d5e1c4a-8f3b-4e2a-9c71-0b2d4e6f8a10";
    private static final String SECOND_RUN = "0f1e2d3c-4b5a-4968-8776-655443322110";

    @TempDir
    Path dir;

    private static Clock at(long epochSecond) {
        return Clock.fixed(Instant.ofEpochSecond(epochSecond), ZoneOffset.UTC);
    }

    private static String golden(String name) throws IOException {
        try (InputStream in = ManifestPostProcessorTest.class.getResourceAsStream("/manifest/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void aFirstBuildWritesPackersFormatExactly() throws Exception {
        Path manifest = dir.resolve("manifest.json");

        PostProcessors.manifest(manifest).clock(at(1605712345)).build().process(new RecordingContext("web", FIRST_RUN),
                new FakeArtifact("amazon-ebs", "us-east-1:ami-0abc,us-west-2:ami-0def", List.of()));

        assertThat(Files.readString(manifest)).isEqualTo(golden("one-build.json"));
    }

    @Test
    void aLaterRunAppendsToBuildsWithFilesStripPathAndCustomData() throws Exception {
        Path manifest = Files.writeString(dir.resolve("manifest.json"), golden("one-build.json"));
        Path disk = Files.writeString(Files.createDirectories(dir.resolve("out")).resolve("disk.raw"), "12345");

        PostProcessors.manifest(manifest).clock(at(1605712400)).stripPath(true).customData("team", "web <&> ops")
                .customData("git_sha", "abc123").build()
                .process(new RecordingContext("disk", SECOND_RUN),
                        new FakeArtifact("qemu", "local:img-disk", List.of(disk.toString())));

        assertThat(Files.readString(manifest)).isEqualTo(golden("two-builds.json"));
    }

    @Test
    void buildsOfOneNamedRunRecordItsUuidWhateverTheirSessions() throws Exception {
        Path manifest = dir.resolve("manifest.json");
        ManifestPostProcessor post = PostProcessors.manifest(manifest).runUuid(FIRST_RUN).build();

        post.process(new RecordingContext("base", SECOND_RUN), FakeArtifact.image("us-east-1:ami-0abc"));
        post.process(new RecordingContext("app", "11111111-2222-4333-8444-555555555555"),
                FakeArtifact.image("us-east-1:ami-0def"));

        JsonNode root = new ObjectMapper().readTree(manifest.toFile());
        List<String> runs = new ArrayList<>();
        root.get("builds").forEach(b -> runs.add(b.get("packer_run_uuid").asText()));
        assertThat(runs).containsExactly(FIRST_RUN, FIRST_RUN);
        assertThat(root.get("last_run_uuid").asText()).isEqualTo(FIRST_RUN);
    }

    @Test
    void anUnreadableManifestFailsWithAKilnExceptionNamingIt() throws Exception {
        Path manifest = Files.writeString(dir.resolve("manifest.json"), "{\"builds\": [");

        assertThatThrownBy(() -> PostProcessors.manifest(manifest).build().process(new RecordingContext(),
                FakeArtifact.image("local:img")))
                .isExactlyInstanceOf(KilnException.class)
                .hasMessageStartingWith("Cannot record the artifact in " + manifest
                        + ": Cannot parse the existing manifest " + manifest)
                .hasCauseInstanceOf(IOException.class);
        assertThat(Files.readString(manifest)).isEqualTo("{\"builds\": [");
    }

    @Test
    void withoutStripPathTheFullPathIsRecorded() throws Exception {
        Path manifest = dir.resolve("manifest.json");
        Path disk = Files.writeString(dir.resolve("disk.raw"), "12345");

        PostProcessors.manifest(manifest).build().process(new RecordingContext(),
                new FakeArtifact("qemu", "local:img", List.of(disk.toString())));

        JsonNode file = new ObjectMapper().readTree(manifest.toFile()).at("/builds/0/files/0");
        assertThat(file.get("name").asText()).isEqualTo(disk.toString());
        assertThat(file.get("size").asLong()).isEqualTo(5);
    }

    @Test
    void parallelSourcesWritingOneManifestLoseNoEntry() throws Exception {
        Path manifest = dir.resolve("manifest.json");
        ManifestPostProcessor post = PostProcessors.manifest(manifest).build();
        int sources = 16;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < sources; i++) {
                String name = "source-" + i;
                done.add(pool.submit(() -> {
                    start.await();
                    post.process(new RecordingContext(name, FIRST_RUN), FakeArtifact.image("local:" + name));
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : done) {
                f.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        JsonNode root = new ObjectMapper().readTree(manifest.toFile());
        List<String> names = new ArrayList<>();
        root.get("builds").forEach(b -> names.add(b.get("name").asText()));
        assertThat(names).hasSize(sources).doesNotHaveDuplicates();
        assertThat(root.get("last_run_uuid").asText()).isEqualTo(FIRST_RUN);
    }
}
