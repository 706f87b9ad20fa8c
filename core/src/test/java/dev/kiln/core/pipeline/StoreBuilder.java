package dev.kiln.core.pipeline;

import dev.kiln.core.builder.Artifact;
import dev.kiln.core.builder.BuildContext;
import dev.kiln.core.builder.Builder;
import dev.kiln.core.builder.Machine;
import dev.kiln.core.fake.FakeArtifact;
import dev.kiln.core.fake.FakeCommunicator;
import dev.kiln.core.spec.Fingerprinter;
import dev.kiln.core.spec.Problem;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A builder over an in-memory image store: captured images are stored by the build's fingerprint and the
 * source's name, and found again by them, as skip-if-exists does in a cloud. Records which image each launch
 * started from. Hooks run inside launch, inside capture, and as the undo launch registers (as a cloud builder's
 * terminate).
 */
final class StoreBuilder implements Builder {

    /** The images built so far, and every launch. */
    static final class Store {
        private final Map<String, String> images = new ConcurrentHashMap<>();
        final List<String> launches = new CopyOnWriteArrayList<>();

        String imageFor(String fingerprint, String source) {
            return images.get(fingerprint + " " + source);
        }

        private synchronized String add(String fingerprint, String source) {
            String id = "img-" + source + "-" + images.size();
            images.put(fingerprint + " " + source, id);
            return id;
        }
    }

    /** Code run inside launch, capture or the undo. */
    @FunctionalInterface
    interface Hook {
        void run() throws Exception;
    }

    private final Store store;
    private final String name;
    private final String config;
    private final String upstream;
    private final Hook onLaunch;
    private final Hook onCapture;
    private final Hook onCleanup;

    private StoreBuilder(Store store, String name, String config, String upstream, Hook onLaunch, Hook onCapture,
            Hook onCleanup) {
        this.store = store;
        this.name = name;
        this.config = config;
        this.upstream = upstream;
        this.onLaunch = onLaunch;
        this.onCapture = onCapture;
        this.onCleanup = onCleanup;
    }

    static StoreBuilder base(Store store, String name, String config) {
        return from(store, name, config, null);
    }

    static StoreBuilder from(Store store, String name, String config, String upstreamImage) {
        return new StoreBuilder(store, name, config, upstreamImage, () -> { }, () -> { }, () -> { });
    }

    StoreBuilder onLaunch(Hook hook) {
        return new StoreBuilder(store, name, config, upstream, hook, onCapture, onCleanup);
    }

    StoreBuilder onCapture(Hook hook) {
        return new StoreBuilder(store, name, config, upstream, onLaunch, hook, onCleanup);
    }

    /** The undo launch registers runs {@code hook}. */
    StoreBuilder onCleanup(Hook hook) {
        return new StoreBuilder(store, name, config, upstream, onLaunch, onCapture, hook);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String type() {
        return "store";
    }

    @Override
    public Set<String> upstreamImages() {
        return upstream == null ? Set.of() : Set.of(upstream);
    }

    @Override
    public List<Problem> validate() {
        return config.isEmpty() ? List.of(new Problem("config", "is empty", "set a config")) : List.of();
    }

    @Override
    public void fingerprint(Fingerprinter fingerprinter) {
        fingerprinter.put("config", config);
        fingerprinter.put("upstream", upstream);
    }

    @Override
    public Optional<Artifact> findExisting(BuildContext context) {
        return Optional.ofNullable(store.imageFor(context.fingerprint(), name)).map(FakeArtifact::image);
    }

    @Override
    public Machine launch(BuildContext context) throws Exception {
        String from = upstream == null ? "scratch"
                : context.upstream(upstream).orElseThrow(() -> new IllegalStateException("no upstream")).id();
        store.launches.add(name + " from " + from);
        context.onCleanup("terminate i-" + name, onCleanup::run);
        onLaunch.run();
        return new Machine("i-" + name, "127.0.0.1", new FakeCommunicator());
    }

    @Override
    public Artifact capture(BuildContext context, Machine machine) throws Exception {
        onCapture.run();
        return FakeArtifact.image(store.add(context.fingerprint(), name));
    }
}
