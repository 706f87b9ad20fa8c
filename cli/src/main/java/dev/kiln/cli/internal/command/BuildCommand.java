package dev.kiln.cli.internal.command;

import dev.kiln.aws.AmazonEbs;
import dev.kiln.cli.internal.mapping.PlannedBuild;
import dev.kiln.cli.internal.template.RawTemplate;
import dev.kiln.core.builder.Builder;
import dev.kiln.core.run.BuildEvent;
import dev.kiln.core.run.BuildHandle;
import dev.kiln.core.run.BuildListener;
import dev.kiln.core.run.BuildResult;
import dev.kiln.core.run.ConsoleListener;
import dev.kiln.core.run.Kiln;
import dev.kiln.core.run.OnError;
import dev.kiln.core.spec.ImageSpec;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * {@code kiln build [-var k=v] [-var-file f] [-only a,b] [-except a,b] [-on-error=cleanup|abort]
 * [-parallel-builds=N] [-force] [-color=false] [-timestamp-ui] TEMPLATE}: checks the template as validate does, then builds
 * each selected build with Kiln, printing Packer's console output (or {@code -machine-readable} lines).
 * Exit status 0 when every build succeeded, 1 otherwise.
 */
public final class BuildCommand implements Command {
    static final String HELP = """
            Usage: kiln build [options] TEMPLATE

              Will execute multiple builds in parallel as defined in the template.
              The various artifacts created by the template will be outputted.

            Options:

              -color=false                  Kiln prints no color; accepted for Packer's command lines.
              -except=foo,bar,baz           Run all builds and post-procesors other than these.
              -only=foo,bar,baz             Build only the specified builds.
              -force                        Force a build to continue if artifacts exist, deletes existing artifacts.
              -machine-readable             Produce machine-readable output.
              -on-error=[cleanup|abort]     If the build fails do: clean up (default), abort.
              -parallel-builds=1            Number of builds to run in parallel. 0 means no limit (Default: 0)
              -timestamp-ui                 Enable prefixing of each ui output with an RFC3339 timestamp.
              -var 'key=value'              Variable for templates, can be used multiple times.
              -var-file=path                JSON file containing user variables.
            """;

    private final PrintStream out;

    /** The command, printing the builds' console output to {@code out}. */
    public BuildCommand(PrintStream out) {
        this.out = out;
    }

    @Override
    public String synopsis() {
        return "build image(s) from template";
    }

    @Override
    public int run(List<String> args, Console console) {
        TemplateFlags template = new TemplateFlags();
        Options options = new Options();
        GoFlags flags = template.addTo(new GoFlags())
                .string("on-error", options::onError)
                .integer("parallel-builds", v -> options.parallel = v)
                .bool("force", v -> options.force = v)
                .bool("color", v -> { })
                .bool("debug", v -> options.debug = v)
                .bool("timestamp-ui", v -> options.timestampUi = v);
        String name = flags.template(args, console, HELP);
        if (name == null) {
            return 1;
        }
        if (options.debug) {
            console.ui().error("-debug is not supported by Kiln yet; run without it");
            return 1;
        }
        PrintStream lines = out;
        if (options.timestampUi && console.ui().isHuman()) {
            lines = new PrintStream(new TimestampedLines(out, Clock.systemUTC()), true, StandardCharsets.UTF_8);
            console = new Console(Ui.human(lines), console.env(), console.workingDirectory(), console.startTime());
        }
        RawTemplate raw = TemplateFiles.read(console, name);
        if (raw == null) {
            return 1;
        }
        List<PlannedBuild> builds = template.plan(raw, console);
        if (builds == null) {
            return 1;
        }
        return build(builds, options, console, lines) ? 0 : 1;
    }

    private static boolean build(List<PlannedBuild> builds, Options options, Console console, PrintStream out) {
        RunSummary summary = new RunSummary(console.ui(),
                builds.stream().collect(Collectors.toMap(PlannedBuild::name, b -> b)));
        Kiln kiln = Kiln.builder().onError(options.onError).listener(progress(console, out)).listener(summary).build();
        long start = System.nanoTime();
        for (PlannedBuild b : builds) {
            console.ui().say(b.name() + ": output will be in this color.");
        }
        console.ui().say("");
        int threads = options.parallel <= 0 ? builds.size() : Math.min(options.parallel, builds.size());
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads));
        Interruption interruption = new Interruption();
        Thread hook = new Thread(interruption::cancelAndWait, "kiln-interrupt");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            List<Future<BuildResult>> results = new ArrayList<>();
            for (PlannedBuild b : builds) {
                ImageSpec spec = options.force ? forced(b.spec()) : b.spec();
                results.add(pool.submit(() -> interruption.run(kiln, spec)));
            }
            boolean succeeded = true;
            for (Future<BuildResult> result : results) {
                succeeded &= result.get().succeeded();
            }
            summary.print(Duration.ofNanos(System.nanoTime() - start));
            return succeeded;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException e) {
            console.ui().error("Build failed: " + e.getCause());
            return false;
        } finally {
            pool.shutdownNow();
            interruption.finished();
            removeHook(hook);
        }
    }

    /**
     * Each build's progress: Packer's console lines (Kiln's {@link ConsoleListener}, whose end of a build is
     * left to {@link RunSummary}, which prints one end for all builds) or machine-readable lines.
     */
    private static BuildListener progress(Console console, PrintStream out) {
        if (!console.ui().isHuman()) {
            return new MachineReadableListener(console.ui());
        }
        ConsoleListener lines = new ConsoleListener(out);
        return event -> {
            if (!(event instanceof BuildEvent.BuildFinished)) {
                lines.on(event);
            }
        };
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is shutting down: the hook is running and cancels the builds
        }
    }

    /** {@code -force}: every amazon-ebs source deregisters an AMI of the same name first, as in Packer. */
    private static ImageSpec forced(ImageSpec spec) {
        ImageSpec.SpecBuilder b = ImageSpec.builder(spec.name());
        for (Builder source : spec.sources()) {
            b.source(source instanceof AmazonEbs ebs ? ebs.toBuilder().forceDeregister(true).build() : source);
        }
        spec.provisioners().forEach(p -> b.provision(p.provisioner(), o -> o.pauseBefore(p.options().pauseBefore())
                .maxRetries(p.options().maxRetries()).timeout(p.options().timeout())));
        spec.errorCleanup().ifPresent(b::errorCleanup);
        spec.postProcessors().forEach(b::postProcess);
        b.variables(spec.variables());
        return b.build();
    }

    /**
     * Ctrl-C (or SIGTERM) during a build, as Packer handles it: every running build is cancelled, its cleanups
     * run, and the JVM exits only once they have, so nothing is left behind.
     */
    private static final class Interruption {
        /** How long an interrupted run's end may take to print once its builds have ended. */
        private static final Duration PRINT_WAIT = Duration.ofSeconds(10);

        private final List<BuildHandle> started = new ArrayList<>();
        private final CountDownLatch printed = new CountDownLatch(1);
        private boolean cancelled;

        /** Starts a build, or cancels it at once when the interruption came first, and waits for its end. */
        BuildResult run(Kiln kiln, ImageSpec spec) throws InterruptedException {
            BuildHandle handle = kiln.start(spec);
            synchronized (this) {
                started.add(handle);
                if (cancelled) {
                    handle.cancel();
                }
            }
            return handle.await();
        }

        /** The run has printed its end: the JVM may exit. */
        void finished() {
            printed.countDown();
        }

        /** Cancels every build and waits until each has run its cleanups and the run has printed its end. */
        void cancelAndWait() {
            List<BuildHandle> handles;
            synchronized (this) {
                cancelled = true;
                handles = List.copyOf(started);
            }
            handles.forEach(BuildHandle::cancel);
            try {
                for (BuildHandle handle : handles) {
                    handle.await();
                }
                printed.await(PRINT_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The build flags besides the template's. */
    private static final class Options {
        private OnError onError = OnError.CLEANUP;
        private int parallel;
        private boolean force;
        private boolean debug;
        private boolean timestampUi;

        void onError(String value) {
            switch (value) {
                case "cleanup" -> onError = OnError.CLEANUP;
                case "abort" -> onError = OnError.ABORT;
                case "ask", "run-cleanup-provisioner" -> throw new IllegalArgumentException(
                        "not supported by Kiln; use cleanup or abort");
                default -> throw new IllegalArgumentException(
                        "expected one of [\"cleanup\" \"abort\" \"ask\" \"run-cleanup-provisioner\"]");
            }
        }
    }
}
