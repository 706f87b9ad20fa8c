package dev.kiln.core.run;

import dev.kiln.core.run.internal.BuildRun;
import dev.kiln.core.run.internal.CancelOnInterrupt;
import dev.kiln.core.run.internal.Cancellation;
import dev.kiln.core.run.internal.LoggingListener;
import dev.kiln.core.run.internal.Redactor;
import dev.kiln.core.run.internal.RunSettings;
import dev.kiln.core.run.internal.SafeListeners;
import dev.kiln.core.spec.ImageSpec;
import dev.kiln.core.spec.InvalidSpecException;
import dev.kiln.core.spec.Problem;
import dev.kiln.core.spec.Sha256Fingerprinter;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * Builds images from {@link ImageSpec}s: every source of a spec on its own thread, up to the parallelism
 * limit; per source, find an existing image or launch a machine, run the provisioners in order, capture the
 * artifact, undo every temporary resource newest first, then run the post-processors. Immutable and
 * reusable; each build gets its own session id. Every build is logged through SLF4J (loggers
 * {@code dev.kiln.build} and {@code dev.kiln.build.output}) and sent to the listeners as {@link BuildEvent}s.
 *
 * <pre>{@code
 * Kiln kiln = Kiln.builder().parallelism(2).listener(new ConsoleListener(System.out)).build();
 * BuildResult result = kiln.build(spec);
 * }</pre>
 */
public final class Kiln {
    private final int parallelism;
    private final OnError onError;
    private final List<BuildListener> listeners;
    private final Clock clock;

    private Kiln(Builder b) {
        parallelism = b.parallelism;
        onError = b.onError;
        listeners = List.copyOf(b.listeners);
        clock = b.clock;
    }

    /** Starts a client configuration. */
    public static Builder builder() {
        return new Builder();
    }

    /** A client with the defaults: parallelism 4, on-error CLEANUP, no listener. */
    public static Kiln create() {
        return builder().build();
    }

    /** A builder holding this configuration. */
    public Builder toBuilder() {
        Builder b = new Builder().parallelism(parallelism).onError(onError).clock(clock);
        listeners.forEach(b::listener);
        return b;
    }

    /**
     * Validates the spec and starts building it in the background.
     *
     * @throws InvalidSpecException listing every problem, before any builder does anything
     */
    public BuildHandle start(ImageSpec spec) {
        return start(spec, List.of());
    }

    /**
     * Validates the spec and starts building it in the background from upstream images: sources that name
     * an upstream image start from its artifact, and the build's fingerprint includes the upstream
     * fingerprints. {@code ImagePipeline} calls this; call it directly to chain builds by hand.
     *
     * @throws InvalidSpecException listing every problem, including upstream images a source names but
     *     {@code upstream} lacks, before any builder does anything
     */
    public BuildHandle start(ImageSpec spec, List<UpstreamImage> upstream) {
        Map<String, UpstreamImage> byName = new LinkedHashMap<>();
        upstream.forEach(image -> byName.put(image.name(), image));
        List<Problem> problems = new ArrayList<>(spec.validate());
        problems.addAll(missingUpstream(spec, byName.keySet()));
        if (!problems.isEmpty()) {
            throw new InvalidSpecException("Image spec '" + spec.name() + "'", problems);
        }
        String fingerprint = chainedFingerprint(spec.fingerprint(), byName.values());
        Redactor redactor = new Redactor();
        spec.variables().sensitive().values().forEach(redactor::add);
        List<BuildListener> all = new ArrayList<>();
        all.add(new LoggingListener());
        all.addAll(listeners);
        RunSettings settings = new RunSettings(UUID.randomUUID().toString(), spec.name(), fingerprint,
                Map.copyOf(byName), spec.variables(), onError, new SafeListeners(redactor, all), redactor,
                new Cancellation(), clock);
        return BuildRun.start(settings, spec, parallelism);
    }

    /**
     * The fingerprint of an image built from upstream images: its spec's own fingerprint when it has none,
     * else a hash over it and each upstream image's name and fingerprint.
     */
    public static String chainedFingerprint(String specFingerprint, Collection<UpstreamImage> upstream) {
        if (upstream.isEmpty()) {
            return specFingerprint;
        }
        Sha256Fingerprinter chained = new Sha256Fingerprinter().put("spec", specFingerprint);
        upstream.stream().sorted(Comparator.comparing(UpstreamImage::name)).forEach(image -> chained
                .put("upstream.name", image.name()).put("upstream.fingerprint", image.fingerprint()));
        return chained.hex();
    }

    private static List<Problem> missingUpstream(ImageSpec spec, Set<String> available) {
        List<Problem> problems = new ArrayList<>();
        for (dev.kiln.core.builder.Builder source : spec.sources()) {
            for (String image : source.upstreamImages()) {
                if (!available.contains(image)) {
                    problems.add(new Problem("sources[" + source.name() + "]", "starts from image '" + image
                            + "', which was not built before it", "build it in the same ImagePipeline, or "
                            + "start this source from a fixed base image"));
                }
            }
        }
        return problems;
    }

    /**
     * Builds the spec and waits for it. An interrupt of the calling thread cancels the build: every cleanup
     * still runs, the sources end {@link Outcome#CANCELLED}, and the thread's interrupt flag is set again on
     * return.
     *
     * @throws InvalidSpecException listing every problem, before any builder does anything
     */
    public BuildResult build(ImageSpec spec) {
        return build(spec, List.of());
    }

    /**
     * Builds the spec from upstream images and waits for it; see {@link #start(ImageSpec, List)}. An
     * interrupt of the calling thread cancels the build as in {@link #build(ImageSpec)}.
     */
    public BuildResult build(ImageSpec spec, List<UpstreamImage> upstream) {
        BuildHandle handle = start(spec, upstream);
        return CancelOnInterrupt.await(handle::await, handle::cancel);
    }

    @Override
    public String toString() {
        return "Kiln{parallelism=" + parallelism + ", onError=" + onError + ", listeners=" + listeners.size() + "}";
    }

    /** Collects a {@link Kiln} client's configuration. */
    public static final class Builder {
        private int parallelism = 4;
        private OnError onError = OnError.CLEANUP;
        private final List<BuildListener> listeners = new ArrayList<>();
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        /** How many sources of a spec build at once; default 4 (Packer's -parallel-builds). */
        public Builder parallelism(int parallelism) {
            if (parallelism < 1) {
                throw new IllegalArgumentException("parallelism must be at least 1, got " + parallelism);
            }
            this.parallelism = parallelism;
            return this;
        }

        /** What a failed source does with what it created; default {@link OnError#CLEANUP}. */
        public Builder onError(OnError onError) {
            this.onError = Objects.requireNonNull(onError, "onError");
            return this;
        }

        /**
         * Adds a listener, such as {@code event -> { if (event instanceof BuildEvent.StepStarted s) ... }};
         * listeners hear each event in the order they were added.
         */
        public Builder listener(BuildListener listener) {
            listeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /** The clock for step times and event times; the system clock unless set. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** The client. */
        public Kiln build() {
            return new Kiln(this);
        }
    }
}
