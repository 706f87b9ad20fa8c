package dev.kiln.core.fake;

import dev.kiln.core.builder.Artifact;
import dev.kiln.core.builder.BuildContext;
import dev.kiln.core.builder.Builder;
import dev.kiln.core.builder.Machine;
import dev.kiln.core.builder.Resource;
import dev.kiln.core.spec.Fingerprinter;
import dev.kiln.core.spec.Problem;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * A builder that does what a cloud builder does, without a cloud: launch registers three undos (key pair,
 * security group, instance) each tracking its resource, capture registers an on-failure undo for the image.
 * Every call and undo is appended to a shared {@link #log}; hooks let a test block or fail at any point.
 */
public final class FakeBuilder implements Builder {
    /** Code run inside launch or capture, after the standard undos are registered. */
    @FunctionalInterface
    public interface Hook {
        void run(BuildContext context) throws Exception;
    }

    private final String name;
    private final List<String> log;
    private final List<Problem> problems = new ArrayList<>();
    private final FakeCommunicator communicator = new FakeCommunicator();
    private String config = "base";
    private Artifact existing;
    private Hook onLaunch = context -> { };
    private Hook onCapture = context -> { };
    private boolean failingUndo;

    private FakeBuilder(String name, List<String> log) {
        this.name = name;
        this.log = log;
    }

    public static FakeBuilder named(String name, List<String> log) {
        return new FakeBuilder(name, log);
    }

    public static List<String> newLog() {
        return Collections.synchronizedList(new ArrayList<>());
    }

    public FakeBuilder problem(Problem problem) {
        problems.add(problem);
        return this;
    }

    public FakeBuilder config(String config) {
        this.config = config;
        return this;
    }

    public FakeBuilder existing(Artifact artifact) {
        existing = artifact;
        return this;
    }

    public FakeBuilder onLaunch(Hook hook) {
        onLaunch = hook;
        return this;
    }

    public FakeBuilder onCapture(Hook hook) {
        onCapture = hook;
        return this;
    }

    /** The security group's undo throws. */
    public FakeBuilder failingUndo() {
        failingUndo = true;
        return this;
    }

    public FakeCommunicator communicator() {
        return communicator;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String type() {
        return "fake";
    }

    @Override
    public List<Problem> validate() {
        log.add(name + ": validate");
        return List.copyOf(problems);
    }

    @Override
    public void fingerprint(Fingerprinter fingerprinter) {
        fingerprinter.put("config", config);
    }

    @Override
    public Optional<Artifact> findExisting(BuildContext context) {
        log.add(name + ": findExisting");
        return Optional.ofNullable(existing);
    }

    @Override
    public Machine launch(BuildContext context) throws Exception {
        log.add(name + ": launch");
        context.onCleanup("delete key pair", () -> log.add(name + ": undo key pair"))
                .track(new Resource("key-pair", "kp-" + name, "local"));
        context.onCleanup("delete security group", () -> {
            log.add(name + ": undo security group");
            if (failingUndo) {
                throw new IllegalStateException("DependencyViolation: group in use");
            }
        }).track(new Resource("security-group", "sg-" + name, "local"));
        context.onCleanup("terminate instance", () -> log.add(name + ": undo instance"))
                .track(new Resource("instance", "i-" + name, "local"));
        onLaunch.run(context);
        return new Machine("i-" + name, "127.0.0.1", communicator);
    }

    @Override
    public Artifact capture(BuildContext context, Machine machine) throws Exception {
        log.add(name + ": capture");
        context.onFailure("deregister image", () -> log.add(name + ": undo image"))
                .track(new Resource("image", "img-" + name, "local"));
        onCapture.run(context);
        return FakeArtifact.image("local:img-" + name);
    }

    @Override
    public String toString() {
        return "FakeBuilder{" + name + "}";
    }
}
