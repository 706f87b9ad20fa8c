package dev.kiln.examples;

import dev.kiln.core.pipeline.PipelineResult;
import dev.kiln.core.run.BuildResult;
import dev.kiln.docker.Docker;
import dev.kiln.docker.DockerImage;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The real Docker daemon for a test, with a base image imported under a tag of the test's own, so that the images
 * built on it have fingerprints no other run shares: a test never reuses the demo's images, nor removes them.
 * Closing it removes the container images it was told of, then the base image.
 */
final class TestDocker implements AutoCloseable {
    private final DockerTarget target;
    private final Deque<String> images = new ArrayDeque<>();

    private TestDocker(DockerTarget target) {
        this.target = target;
    }

    /** The daemon, which must answer ({@code ./test} starts it), and a fresh base image. */
    static TestDocker start() throws InterruptedException {
        DockerTarget.missing().ifPresent(missing -> {
            throw new AssertionError("The examples' tests build container images on a real Docker daemon, but "
                    + missing + "; ./test installs docker.io and busybox-static and starts dockerd");
        });
        return new TestDocker(DockerTarget.local("kiln-demo/base-os:test-" + System.nanoTime()));
    }

    /** The target to build on. */
    DockerTarget target() {
        return target;
    }

    /** Removes the pipeline's container images on {@link #close()}, downstream ones first. */
    PipelineResult removeAfterwards(PipelineResult result) {
        result.images().stream().flatMap(i -> i.build().stream()).map(BuildResult::artifacts)
                .map(artifacts -> artifacts.get(Docker.TYPE))
                .filter(DockerImage.class::isInstance)
                .flatMap(image -> ((DockerImage) image).tags().stream())
                .forEach(images::push);
        return result;
    }

    @Override
    public void close() throws InterruptedException {
        while (!images.isEmpty()) {
            HostCommand.run("docker", "image", "rm", images.pop());
        }
        HostCommand.run("docker", "image", "rm", target.baseImage());
    }
}
