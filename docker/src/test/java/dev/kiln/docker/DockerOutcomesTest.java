package dev.kiln.docker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.core.provision.Provisioners;
import dev.kiln.core.run.BuildResult;
import dev.kiln.core.spec.ImageSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a build leaves besides a committed image: an exported file system, a saved image, nothing when discarded. */
class DockerOutcomesTest extends DockerBuildSupport {

    private static ImageSpec.SpecBuilder spec(String name, Docker.Builder source) {
        return ImageSpec.builder(name).source(source)
                .provision(Provisioners.shell().inline("echo " + name + " > /srv/motd").build());
    }

    private static String tar(String... args) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(args).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(out).isZero();
        return out;
    }

    @Test
    void anExportIsATarOfTheContainersFileSystem(@TempDir Path tmp) throws Exception {
        Path export = tmp.resolve("fs.tar");

        BuildResult result = kiln().build(spec("exported", docker().commit(false).exportPath(export)).build());

        assertThat(result.succeeded()).as(output()).isTrue();
        DockerImage artifact = (DockerImage) result.artifact("docker").orElseThrow();
        assertThat(artifact.files()).containsExactly(export.toString());
        assertThat(tar("tar", "-xOf", export.toString(), "srv/motd")).isEqualTo("exported\n");
        try (var left = Files.list(tmp)) {
            assertThat(left).containsExactly(export);
        }
    }

    @Test
    void aSavedImageLoadsWithItsTags(@TempDir Path tmp) throws Exception {
        Path saved = tmp.resolve("image.tar");

        BuildResult result = kiln().build(spec("saved-" + System.nanoTime(), docker())
                .postProcess(DockerPostProcessors.save(saved).host(host)).build());

        assertThat(result.succeeded()).as(output()).isTrue();
        DockerImage image = (DockerImage) result.artifact("docker").orElseThrow();
        assertThat(tar("tar", "-xOf", saved.toString(), "manifest.json")).contains(image.tags().get(0));
        DockerCli.ok("rmi", image.tags().get(0));
        assertThat(DockerCli.ok("load", "-i", saved.toString())).contains(image.tags().get(0));
        assertThat(DockerCli.ok("image", "inspect", "--format", "{{.Id}}", image.tags().get(0))).isEqualTo(image.imageId());
    }

    @Test
    void aDiscardedContainerLeavesNoImage() {
        List<String> before = imageIds();

        BuildResult result = kiln().build(spec("discarded", docker().commit(false).discard(true)).build());

        assertThat(result.succeeded()).as(output()).isTrue();
        assertThat(result.artifact("docker").orElseThrow().id()).isEmpty();
        assertThat(imageIds()).isEqualTo(before);
    }

    /** Every image id the daemon lists, sorted: it orders images made in the same second at random. */
    private static List<String> imageIds() {
        return Stream.of(DockerCli.ok("images", "-q", "--all").split("\\s+")).sorted().toList();
    }
}
