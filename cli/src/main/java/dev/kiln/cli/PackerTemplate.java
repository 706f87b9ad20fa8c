package dev.kiln.cli;

import dev.kiln.cli.internal.interpolate.TemplateContext;
import dev.kiln.cli.internal.mapping.BuildPlanner;
import dev.kiln.cli.internal.mapping.PlannedBuild;
import dev.kiln.cli.internal.mapping.TemplateInputs;
import dev.kiln.cli.internal.template.RawTemplate;
import dev.kiln.cli.internal.template.TemplateReader;
import dev.kiln.core.spec.ImageSpec;
import dev.kiln.core.spec.InvalidSpecException;
import dev.kiln.core.spec.Problem;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * A Packer 1.6 JSON template turned into Kiln {@link ImageSpec}s, one per build (builder), so that a Java tool
 * can load a team's templates and then add to them in code. Each spec is named after its build and holds the
 * build's amazon-ebs source, the provisioners and post-processors whose {@code only}/{@code except} select it
 * (with its {@code override}s), the error-cleanup provisioner and the user variables ({@code sensitive-variables}
 * as secrets, masked in every output).
 *
 * <pre>{@code
 * PackerTemplate template = PackerTemplate.load(Path.of("base/base.json"), Map.of("ami_sha", sha));
 * ImageSpec base = template.imageSpec("amazon-ebs").orElseThrow()
 *     .toBuilder().provision(Provisioners.shell().inline("echo extra")).build();
 * }</pre>
 *
 * <p>Everything Kiln can't do as the template says (another builder type, an option Kiln lacks, a function
 * such as {@code vault}) is a problem naming it; nothing is skipped silently.
 */
public final class PackerTemplate {
    private final Path path;
    private final String description;
    private final List<ImageSpec> imageSpecs;

    private PackerTemplate(Path path, String description, List<ImageSpec> imageSpecs) {
        this.path = path;
        this.description = description;
        this.imageSpecs = List.copyOf(imageSpecs);
    }

    /**
     * Loads a template with these user variables (as {@code -var} would pass them), reading the environment
     * for {@code {{env}}} and timing {@code {{timestamp}}} from now.
     *
     * @throws InvalidSpecException listing every problem with the template
     * @throws UncheckedIOException when the file can't be read
     */
    public static PackerTemplate load(Path path, Map<String, String> variables) {
        return loader(path).variables(variables).load();
    }

    /** Starts loading the template at {@code path}, for more settings than {@link #load(Path, Map)} takes. */
    public static Loader loader(Path path) {
        return new Loader(path);
    }

    /** The template file. */
    public Path path() {
        return path;
    }

    /** The template's {@code description}, or empty. */
    public String description() {
        return description;
    }

    /** One spec per selected build, in the template's order of builders. */
    public List<ImageSpec> imageSpecs() {
        return imageSpecs;
    }

    /** The spec of the build with this name (the builder's {@code name}, or its type). */
    public Optional<ImageSpec> imageSpec(String buildName) {
        return imageSpecs.stream().filter(s -> s.name().equals(buildName)).findFirst();
    }

    @Override
    public String toString() {
        return "PackerTemplate{path=" + path + ", builds=" + imageSpecs.stream().map(ImageSpec::name).toList() + "}";
    }

    /** Settings for loading a template: variables, variable files, build selection, environment and clock. */
    public static final class Loader {
        private final Path path;
        private final Map<String, String> variables = new LinkedHashMap<>();
        private final List<Path> variableFiles = new ArrayList<>();
        private final List<String> only = new ArrayList<>();
        private final List<String> except = new ArrayList<>();
        private UnaryOperator<String> environment = System::getenv;
        private Instant startTime;
        private Path workingDirectory = Path.of("").toAbsolutePath();

        private Loader(Path path) {
            this.path = Objects.requireNonNull(path, "path");
        }

        /** Sets a user variable, as {@code -var 'name=value'}; it wins over variable files and defaults. */
        public Loader variable(String name, String value) {
            variables.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /** Sets every user variable of the map. */
        public Loader variables(Map<String, String> values) {
            values.forEach(this::variable);
            return this;
        }

        /** Adds a JSON file of user variables, as {@code -var-file}; later files win. */
        public Loader variableFile(Path file) {
            variableFiles.add(Objects.requireNonNull(file, "file"));
            return this;
        }

        /** Loads only the builds of these names, as {@code -only}. */
        public Loader only(String... buildNames) {
            only.addAll(Arrays.asList(buildNames));
            return this;
        }

        /** Leaves out the builds of these names, as {@code -except}. */
        public Loader except(String... buildNames) {
            except.addAll(Arrays.asList(buildNames));
            return this;
        }

        /** Where {@code {{env `NAME`}}} reads from; the process environment by default. */
        public Loader environment(UnaryOperator<String> env) {
            environment = Objects.requireNonNull(env, "env");
            return this;
        }

        /** The run's start, which {@code {{timestamp}}} and {@code {{isotime}}} show; now by default. */
        public Loader startTime(Instant time) {
            startTime = Objects.requireNonNull(time, "time");
            return this;
        }

        /**
         * The directory the template's relative paths (scripts, files, the manifest, variable files) start from,
         * as Packer's working directory; the process's by default.
         */
        public Loader workingDirectory(Path directory) {
            workingDirectory = directory.toAbsolutePath();
            return this;
        }

        /**
         * Reads, checks and maps the template.
         *
         * @throws InvalidSpecException listing every problem with the template
         * @throws UncheckedIOException when the file can't be read
         */
        public PackerTemplate load() {
            RawTemplate raw;
            try {
                raw = TemplateReader.read(workingDirectory.resolve(path));
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read the template " + path, e);
            }
            TemplateContext ctx = new TemplateContext(Map.of(), false, environment, null, null, null, Map.of(),
                    startTime == null ? Instant.now() : startTime, workingDirectory);
            TemplateInputs.Initialized init = new TemplateInputs(variableFiles.stream().map(workingDirectory::resolve)
                    .toList(), variables, ctx).initialize(raw);
            if (!init.problems().isEmpty()) {
                throw new InvalidSpecException("Template " + path, init.problems());
            }
            BuildPlanner.Plan plan = init.planner(ctx).plan(only, except);
            if (!plan.problems().isEmpty()) {
                List<Problem> all = new ArrayList<>();
                plan.problems().forEach((build, problems) -> problems.forEach(p -> all.add(new Problem("build '" + build
                        + "': " + p.field(), p.problem(), p.fix()))));
                throw new InvalidSpecException("Template " + path, all);
            }
            return new PackerTemplate(path, raw.description(), plan.builds().stream().map(PlannedBuild::spec).toList());
        }
    }
}
