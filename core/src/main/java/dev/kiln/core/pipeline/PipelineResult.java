package dev.kiln.core.pipeline;

import dev.kiln.core.builder.Artifact;
import java.util.List;
import java.util.Optional;

/**
 * How a pipeline ended: one {@link ImageResult} per image, in the pipeline's order.
 *
 * <pre>{@code
 * PipelineResult result = pipeline.run(kiln);
 * result.images().forEach(i -> System.out.println(i.name() + " " + i.outcome()));
 * String appAmi = result.artifact("app").orElseThrow().id();
 * String sameAmi = pipeline.run(kiln).orElseThrow().artifact("app").orElseThrow().id(); // throws if one failed
 * }</pre>
 *
 * @param images every image's result, in the pipeline's order
 */
public record PipelineResult(List<ImageResult> images) {
    /** Copies {@code images}. */
    public PipelineResult {
        images = List.copyOf(images);
    }

    /** One image's result. */
    public Optional<ImageResult> image(String name) {
        return images.stream().filter(i -> i.name().equals(name)).findFirst();
    }

    /** The artifact of one image; see {@link ImageResult#artifact()}. */
    public Optional<Artifact> artifact(String imageName) {
        return image(imageName).flatMap(ImageResult::artifact);
    }

    /**
     * This result when every image was built or reused; else throws what failed the first image, in the
     * pipeline's order, that failed or was cancelled (see {@link ImageResult#orElseThrow()}), passing over the
     * images skipped because of it.
     */
    public PipelineResult orElseThrow() {
        images.stream().filter(i -> i.outcome() != ImageOutcome.SKIPPED).forEach(ImageResult::orElseThrow);
        images.forEach(ImageResult::orElseThrow);
        return this;
    }

    /** True when every image was built or reused. */
    public boolean succeeded() {
        return images.stream().allMatch(i -> i.outcome().succeeded());
    }
}
