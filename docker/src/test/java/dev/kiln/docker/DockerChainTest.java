package dev.kiln.docker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.core.pipeline.ImageOutcome;
import dev.kiln.core.pipeline.ImagePipeline;
import dev.kiln.core.pipeline.ImageResult;
import dev.kiln.core.pipeline.PipelineResult;
import dev.kiln.core.provision.Provisioners;
import dev.kiln.core.spec.ImageSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A base image and an application image built on it ({@code imageFromImage}) in an ImagePipeline: the app's
 * container starts from the base's committed image, a second run reuses both by their fingerprint labels, and a
 * changed base rebuilds both.
 */
class DockerChainTest extends DockerBuildSupport {

    private ImagePipeline pipeline(String marker) {
        ImageSpec baseSpec = ImageSpec.builder("chain-base-" + marker)
                .source(docker().skipIfExists(true))
                .provision(Provisioners.shell().inline("echo " + marker + " > /etc/base-marker").build())
                .build();
        ImageSpec app = ImageSpec.builder("chain-app-" + marker)
                .source(docker().image(null).imageFromImage(baseSpec.name()).skipIfExists(true)
                        .changes("CMD [\"cat\", \"/etc/base-marker\", \"/etc/app-marker\"]"))
                .provision(Provisioners.shell().inline("cat /etc/base-marker", "echo app > /etc/app-marker").build())
                .build();
        return ImagePipeline.builder().image(baseSpec).image(app).build();
    }

    private static List<ImageOutcome> outcomes(PipelineResult result) {
        return result.images().stream().map(ImageResult::outcome).toList();
    }

    @Test
    void theAppStartsFromTheBaseImageAndBothAreReused() {
        String marker = "m" + System.nanoTime();

        PipelineResult first = pipeline(marker).run(kiln());

        assertThat(outcomes(first)).as(output()).containsExactly(ImageOutcome.BUILT, ImageOutcome.BUILT);
        String appImage = first.artifact("chain-app-" + marker).orElseThrow().id();
        assertThat(DockerCli.ok("run", "--rm", "--network", "none", appImage)).isEqualTo(marker + "\napp");
        String baseId = first.artifact("chain-base-" + marker).orElseThrow().id();
        String baseLayers = DockerCli.ok("image", "inspect", "--format", "{{json .RootFS.Layers}}", baseId);
        String appLayers = DockerCli.ok("image", "inspect", "--format", "{{json .RootFS.Layers}}", appImage);
        assertThat(appLayers).startsWith(baseLayers.substring(0, baseLayers.length() - 1) + ",");

        PipelineResult second = pipeline(marker).run(kiln());

        assertThat(outcomes(second)).as(output()).containsExactly(ImageOutcome.REUSED, ImageOutcome.REUSED);
        assertThat(second.artifact("chain-app-" + marker).orElseThrow().id()).isEqualTo(appImage);
        assertThat(((DockerImage) second.artifact("chain-app-" + marker).orElseThrow()).tags())
                .allSatisfy(tag -> assertThat(tag).startsWith("kiln/chain-app-"));
    }
}
