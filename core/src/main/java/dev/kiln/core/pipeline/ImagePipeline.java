package dev.kiln.core.pipeline;

import dev.kiln.core.Buildable;
import dev.kiln.core.builder.Builder;
import dev.kiln.core.pipeline.internal.PipelineRun;
import dev.kiln.core.run.Kiln;
import dev.kiln.core.run.internal.CancelOnInterrupt;
import dev.kiln.core.run.UpstreamImage;
import dev.kiln.core.spec.ImageSpec;
import dev.kiln.core.spec.InvalidSpecException;
import dev.kiln.core.spec.Problem;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Image specs built in dependency order, where one image starts from another's artifact: a base image and
 * the application images on top of it. Independent images build in parallel. Each image's fingerprint
 * includes the fingerprints of the images it starts from, so with skip-if-exists an image is reused when
 * neither it nor anything under it changed, and rebuilt when anything did.
 *
 * <p>An image depends on the images its sources start from ({@link Builder#upstreamImages()}, for example
 * {@code AmazonEbs.builder().sourceAmiFromImage("base")}) and on any named with
 * {@link PipelineBuilder#image(ImageSpec, String...)}.
 *
 * <pre>{@code
 * ImagePipeline pipeline = ImagePipeline.builder().image(base).image(app).build();
 * PipelineResult result = pipeline.run(Kiln.create());
 * }</pre>
 *
 * <p><b>When a downstream image starts.</b> As soon as every image it starts from is usable, not when their
 * builds have ended ({@link dev.kiln.core.run.BuildHandle#awaitImage()}):
 * <ul>
 *   <li>An image is usable once every one of its sources has its artifact: captured ({@code capture}
 *       returned; for amazon-ebs, the AMI is available and tagged), or found by its fingerprint and reused,
 *       which makes it usable at once. An image with several sources waits for all of them; if one fails or
 *       is cancelled before it has an artifact, the image never becomes usable and the images that start
 *       from it are {@link ImageOutcome#SKIPPED} once its build has ended.</li>
 *   <li>The upstream then runs its cleanups (for amazon-ebs: wait for the instance to terminate, delete its
 *       volumes, security group and key pair) and after them its post-processors (a manifest, say), as a
 *       single build does, while the downstream image builds.</li>
 *   <li>The pipeline's result waits for every image's whole build, cleanups and post-processors included.</li>
 *   <li>If an upstream cleanup or post-processor fails after the downstream has started, the downstream's
 *       build goes on and its result stands (its artifact was built from an artifact that exists), but the
 *       upstream ends {@link ImageOutcome#FAILED} (a failed undo fails an image, since it may leave temporary
 *       resources behind) and so {@link PipelineResult#succeeded()} is false.</li>
 *   <li>A cancel reaches every image whose build is running ({@link PipelineHandle#cancel()}), including
 *       one that is only cleaning up. The cleanups always run to the end; an image cancelled during them
 *       skips its post-processors and ends {@link ImageOutcome#CANCELLED} (its artifact is not deleted: its
 *       sources' results still name it), or {@link ImageOutcome#BUILT} when it has no post-processor, since
 *       nothing was cut short. A downstream image that is building stops and cleans up; one not yet started
 *       never starts.</li>
 * </ul>
 */
public final class ImagePipeline {
    private final Map<String, ImageSpec> specs;
    private final Map<String, Set<String>> dependencies;

    private ImagePipeline(PipelineBuilder builder) {
        specs = Collections.unmodifiableMap(new LinkedHashMap<>(builder.specs));
        Map<String, Set<String>> deps = new LinkedHashMap<>();
        builder.specs.forEach((name, spec) -> {
            Set<String> all = new LinkedHashSet<>(builder.explicit.get(name));
            spec.sources().forEach(source -> all.addAll(source.upstreamImages()));
            deps.put(name, Collections.unmodifiableSet(all));
        });
        dependencies = Collections.unmodifiableMap(deps);
    }

    /** Starts an empty pipeline. */
    public static PipelineBuilder builder() {
        return new PipelineBuilder();
    }

    /** The images' specs by name, in the order they were added. */
    public Map<String, ImageSpec> images() {
        return specs;
    }

    /** The images each image starts from, by image name. */
    public Map<String, Set<String>> dependencies() {
        return dependencies;
    }

    /**
     * Every problem with the pipeline: images that depend on unknown images, dependency cycles, and every
     * problem of every spec (fields prefixed with {@code images[name].}). Makes no network call.
     */
    public List<Problem> validate() {
        List<Problem> problems = new ArrayList<>();
        dependencies.forEach((name, deps) -> deps.stream().filter(d -> !specs.containsKey(d)).forEach(d ->
                problems.add(new Problem("images[" + name + "]", "starts from image '" + d
                        + "', which is not in the pipeline", "add the image '" + d + "' to the pipeline"))));
        cycle().ifPresent(cycle -> problems.add(new Problem("images", "form a cycle: " + String.join(" -> ", cycle),
                "remove one of these dependencies; an image can't start from itself")));
        specs.forEach((name, spec) -> spec.validate().forEach(p -> problems.add(p.under("images[" + name + "]"))));
        return problems;
    }

    /**
     * Every image's fingerprint, including those of the images it starts from, in build order.
     *
     * @throws InvalidSpecException when the pipeline is invalid
     */
    public Map<String, String> fingerprints() {
        requireValid();
        Map<String, String> out = new LinkedHashMap<>();
        for (String name : buildOrder()) {
            List<UpstreamImage> upstream = dependencies.get(name).stream()
                    .map(d -> new UpstreamImage(d, out.get(d), Map.of())).toList();
            out.put(name, Kiln.chainedFingerprint(specs.get(name).fingerprint(), upstream));
        }
        return out;
    }

    /**
     * Validates the whole pipeline, then starts building it in the background.
     *
     * @throws InvalidSpecException listing every problem of every image, before any build starts
     */
    public PipelineHandle start(Kiln kiln) {
        Objects.requireNonNull(kiln, "kiln");
        Map<String, String> fingerprints = fingerprints();
        return PipelineRun.start(kiln, specs, dependencies, fingerprints);
    }

    /**
     * Builds the pipeline and waits for it. An interrupt of the calling thread cancels it; the flag is set
     * again on return.
     *
     * @throws InvalidSpecException listing every problem of every image, before any build starts
     */
    public PipelineResult run(Kiln kiln) {
        PipelineHandle handle = start(kiln);
        return CancelOnInterrupt.await(handle::await, handle::cancel);
    }

    private void requireValid() {
        List<Problem> problems = validate();
        if (!problems.isEmpty()) {
            throw new InvalidSpecException("Image pipeline", problems);
        }
    }

    private List<String> buildOrder() {
        List<String> order = new ArrayList<>();
        Set<String> placed = new HashSet<>();
        while (order.size() < specs.size()) {
            for (String name : specs.keySet()) {
                if (!placed.contains(name) && placed.containsAll(dependencies.get(name))) {
                    order.add(name);
                    placed.add(name);
                }
            }
        }
        return order;
    }

    private Optional<List<String>> cycle() {
        Map<String, Integer> state = new HashMap<>();
        for (String name : specs.keySet()) {
            List<String> path = new ArrayList<>();
            if (findCycle(name, state, path)) {
                return Optional.of(path);
            }
        }
        return Optional.empty();
    }

    private boolean findCycle(String name, Map<String, Integer> state, List<String> path) {
        int seen = state.getOrDefault(name, 0);
        if (seen == 2 || !specs.containsKey(name)) {
            return false;
        }
        path.add(name);
        if (seen == 1) {
            path.subList(0, path.indexOf(name)).clear();
            return true;
        }
        state.put(name, 1);
        for (String dep : dependencies.get(name)) {
            if (findCycle(dep, state, path)) {
                return true;
            }
        }
        state.put(name, 2);
        path.remove(path.size() - 1);
        return false;
    }

    @Override
    public String toString() {
        return "ImagePipeline" + dependencies;
    }

    /** Collects a pipeline's images. */
    public static final class PipelineBuilder {
        private final Map<String, ImageSpec> specs = new LinkedHashMap<>();
        private final Map<String, Set<String>> explicit = new LinkedHashMap<>();

        private PipelineBuilder() {
        }

        /**
         * Adds an image. It depends on the images its sources start from and on {@code alsoAfter}.
         *
         * @throws IllegalArgumentException when an image of the same name was added already
         */
        public PipelineBuilder image(ImageSpec spec, String... alsoAfter) {
            Objects.requireNonNull(spec, "spec");
            if (specs.containsKey(spec.name())) {
                throw new IllegalArgumentException("the pipeline already has an image named '" + spec.name()
                        + "'; give each image spec its own name");
            }
            specs.put(spec.name(), spec);
            explicit.put(spec.name(), new LinkedHashSet<>(Arrays.asList(alsoAfter)));
            return this;
        }

        /** Adds the image its spec builder makes now; see {@link #image(ImageSpec, String...)}. */
        public PipelineBuilder image(Buildable<ImageSpec> spec, String... alsoAfter) {
            return image(Objects.requireNonNull(spec, "spec").build(), alsoAfter);
        }

        /** The pipeline. */
        public ImagePipeline build() {
            return new ImagePipeline(this);
        }
    }
}
