package dev.kiln.core.spec;

import dev.kiln.core.Buildable;
import dev.kiln.core.Secret;
import dev.kiln.core.builder.Builder;
import dev.kiln.core.post.PostProcessor;
import dev.kiln.core.provision.Provisioner;
import dev.kiln.core.provision.ProvisionerOptions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * What to build: an image's name, its sources (one artifact each), the provisioners that run on every
 * source in order, an optional error-cleanup provisioner, post-processors and variables. Immutable.
 *
 * <pre>{@code
 * ImageSpec spec = ImageSpec.builder("web")
 *     .source(AmazonEbs.builder().region("us-east-1").sourceAmi("ami-0abc").sshUsername("ec2-user").amiName(name))
 *     .provision(Provisioners.shell().inline("apt-get update", "apt-get install -y nginx"))
 *     .provision(Provisioners.file().source("site/").destination("/var/www/"), o -> o.maxRetries(2))
 *     .postProcess(PostProcessors.manifest(Path.of("manifest.json")))
 *     .build();
 * }</pre>
 *
 * <p>Each part can be given built or as its builder ({@link Buildable}); the spec builds it when it is added.
 * A part that is used in several specs is best built once and passed as it is.
 *
 * <p>The {@linkplain #fingerprint() fingerprint} covers everything that determines the images: each source's
 * configuration (in the order given), the provisioners in order with their options, the error-cleanup
 * provisioner and the plain variables (only the names of sensitive ones). It leaves out the spec's name and
 * the sources' names (renaming does not change an image) and the post-processors (they run after the image
 * exists).
 */
public final class ImageSpec {
    private static final String FINGERPRINT_VERSION = "kiln-image-spec/1";

    private final String name;
    private final List<Builder> sources;
    private final List<ConfiguredProvisioner> provisioners;
    private final Provisioner errorCleanup;
    private final List<PostProcessor> postProcessors;
    private final Variables variables;

    private ImageSpec(SpecBuilder b) {
        name = b.name;
        sources = List.copyOf(b.sources);
        provisioners = List.copyOf(b.provisioners);
        errorCleanup = b.errorCleanup;
        postProcessors = List.copyOf(b.postProcessors);
        variables = b.variables.build();
    }

    /** Starts a spec for an image with this name. */
    public static SpecBuilder builder(String name) {
        return new SpecBuilder(name);
    }

    /** A builder holding everything in this spec. */
    public SpecBuilder toBuilder() {
        SpecBuilder b = new SpecBuilder(name);
        b.sources.addAll(sources);
        b.provisioners.addAll(provisioners);
        b.errorCleanup = errorCleanup;
        b.postProcessors.addAll(postProcessors);
        b.variables(variables);
        return b;
    }

    /** The image's name. */
    public String name() {
        return name;
    }

    /** The sources, in the order given. */
    public List<Builder> sources() {
        return sources;
    }

    /** The provisioners with their options, in the order they run. */
    public List<ConfiguredProvisioner> provisioners() {
        return provisioners;
    }

    /** The provisioner that runs when provisioning fails, if any. */
    public Optional<Provisioner> errorCleanup() {
        return Optional.ofNullable(errorCleanup);
    }

    /** The post-processors, in the order they run. */
    public List<PostProcessor> postProcessors() {
        return postProcessors;
    }

    /** The variables. */
    public Variables variables() {
        return variables;
    }

    /**
     * Every problem with the spec and with each of its parts, with fields named from the spec down, e.g.
     * {@code sources[web].amiName} or {@code provisioners[2].scripts[0]}. Empty when the spec is valid.
     */
    public List<Problem> validate() {
        List<Problem> problems = new ArrayList<>();
        if (name == null || name.isBlank()) {
            problems.add(new Problem("name", "is empty", "give the image a name in ImageSpec.builder(name)"));
        }
        if (sources.isEmpty()) {
            problems.add(new Problem("sources", "is empty", "add at least one source with source(builder)"));
        }
        Map<String, Integer> namesSeen = new LinkedHashMap<>();
        for (Builder source : sources) {
            namesSeen.merge(source.name(), 1, Integer::sum);
            source.validate().forEach(p -> problems.add(p.under("sources[" + source.name() + "]")));
        }
        namesSeen.forEach((sourceName, count) -> {
            if (count > 1) {
                problems.add(new Problem("sources[" + sourceName + "]", "names " + count + " sources",
                        "give each source of a spec its own name"));
            }
        });
        for (int i = 0; i < provisioners.size(); i++) {
            String at = "provisioners[" + i + "]";
            ConfiguredProvisioner p = provisioners.get(i);
            p.provisioner().validate().forEach(problem -> problems.add(problem.under(at)));
            p.options().validate().forEach(problem -> problems.add(problem.under(at)));
        }
        if (errorCleanup != null) {
            errorCleanup.validate().forEach(p -> problems.add(p.under("errorCleanup")));
        }
        for (int i = 0; i < postProcessors.size(); i++) {
            String at = "postProcessors[" + i + "]";
            postProcessors.get(i).validate().forEach(p -> problems.add(p.under(at)));
        }
        return problems;
    }

    /**
     * A stable SHA-256 (lowercase hex) over everything that determines the images: see the class comment.
     * Reads every local script and file the provisioners use.
     *
     * @throws java.io.UncheckedIOException when a local file can't be read
     */
    public String fingerprint() {
        Sha256Fingerprinter f = new Sha256Fingerprinter();
        f.put("version", FINGERPRINT_VERSION);
        f.put("sources", Integer.toString(sources.size()));
        for (int i = 0; i < sources.size(); i++) {
            Fingerprinter at = new PrefixedFingerprinter(f, "sources[" + i + "]");
            at.put("type", sources.get(i).type());
            sources.get(i).fingerprint(at);
        }
        f.put("provisioners", Integer.toString(provisioners.size()));
        for (int i = 0; i < provisioners.size(); i++) {
            Fingerprinter at = new PrefixedFingerprinter(f, "provisioners[" + i + "]");
            fingerprintProvisioner(at, provisioners.get(i).provisioner());
            provisioners.get(i).options().fingerprint(new PrefixedFingerprinter(at, "options"));
        }
        if (errorCleanup != null) {
            fingerprintProvisioner(new PrefixedFingerprinter(f, "errorCleanup"), errorCleanup);
        }
        variables.fingerprint(f);
        return f.hex();
    }

    private static void fingerprintProvisioner(Fingerprinter at, Provisioner provisioner) {
        at.put("type", provisioner.type());
        provisioner.fingerprint(at);
    }

    @Override
    public String toString() {
        return "ImageSpec{name=" + name + ", sources=" + names(sources, Builder::name)
                + ", provisioners=" + names(provisioners, p -> p.provisioner().type())
                + ", errorCleanup=" + (errorCleanup == null ? "none" : errorCleanup.type())
                + ", postProcessors=" + names(postProcessors, PostProcessor::type)
                + ", variables=" + variables + "}";
    }

    private static <T> List<String> names(List<T> items, Function<T, String> name) {
        return items.stream().map(name).toList();
    }

    /** Collects a spec; {@link #build()} makes the immutable {@link ImageSpec}. */
    public static final class SpecBuilder implements Buildable<ImageSpec> {
        private final String name;
        private final List<Builder> sources = new ArrayList<>();
        private final List<ConfiguredProvisioner> provisioners = new ArrayList<>();
        private Provisioner errorCleanup;
        private final List<PostProcessor> postProcessors = new ArrayList<>();
        private final Variables.Builder variables = Variables.builder();

        private SpecBuilder(String name) {
            this.name = name;
        }

        /** Adds a source; its {@link Builder#name()} must be unique within the spec. */
        public SpecBuilder source(Builder source) {
            sources.add(Objects.requireNonNull(source, "source"));
            return this;
        }

        /** Adds the source its builder makes now, e.g. {@code source(AmazonEbs.builder().region(...)...)}. */
        public SpecBuilder source(Buildable<? extends Builder> source) {
            return source(Objects.requireNonNull(source, "source").build());
        }

        /**
         * Adds the source a new builder makes once {@code configure} has set it up, in the AWS SDK's style:
         * {@code source(AmazonEbs::builder, ebs -> ebs.region("us-east-1").sourceAmi("ami-0abc"))}.
         */
        public <B extends Buildable<? extends Builder>> SpecBuilder source(Supplier<B> builder,
                Consumer<? super B> configure) {
            return source(configured(builder, configure, "source"));
        }

        /** Adds a provisioner that runs after the ones added before it, with default options. */
        public SpecBuilder provision(Provisioner provisioner) {
            return provision(provisioner, o -> { });
        }

        /** Adds the provisioner its builder makes now, e.g. {@code provision(Provisioners.shell().inline(...))}. */
        public SpecBuilder provision(Buildable<? extends Provisioner> provisioner) {
            return provision(Objects.requireNonNull(provisioner, "provisioner").build());
        }

        /**
         * Adds the provisioner a new builder makes once {@code configure} has set it up:
         * {@code provision(Provisioners::shell, shell -> shell.inline("sudo yum install -y nginx"))}.
         */
        public <B extends Buildable<? extends Provisioner>> SpecBuilder provision(Supplier<B> builder,
                Consumer<? super B> configure) {
            return provision(configured(builder, configure, "provisioner"));
        }

        /** Adds a provisioner with options, e.g. {@code o -> o.maxRetries(2).timeout(Duration.ofMinutes(5))}. */
        public SpecBuilder provision(Provisioner provisioner, Consumer<ProvisionerOptions.Builder> options) {
            ProvisionerOptions.Builder o = ProvisionerOptions.builder();
            options.accept(o);
            provisioners.add(new ConfiguredProvisioner(Objects.requireNonNull(provisioner, "provisioner"), o.build()));
            return this;
        }

        /** Adds the provisioner its builder makes now, with options. */
        public SpecBuilder provision(Buildable<? extends Provisioner> provisioner,
                Consumer<ProvisionerOptions.Builder> options) {
            return provision(Objects.requireNonNull(provisioner, "provisioner").build(), options);
        }

        /** Sets the provisioner that runs when provisioning fails, e.g. to collect logs. */
        public SpecBuilder errorCleanup(Provisioner provisioner) {
            errorCleanup = Objects.requireNonNull(provisioner, "provisioner");
            return this;
        }

        /** Sets the error-cleanup provisioner its builder makes now. */
        public SpecBuilder errorCleanup(Buildable<? extends Provisioner> provisioner) {
            return errorCleanup(Objects.requireNonNull(provisioner, "provisioner").build());
        }

        /** Adds a post-processor that runs for each source's artifact. */
        public SpecBuilder postProcess(PostProcessor postProcessor) {
            postProcessors.add(Objects.requireNonNull(postProcessor, "postProcessor"));
            return this;
        }

        /** Adds the post-processor its builder makes now, e.g. {@code postProcess(PostProcessors.manifest(path))}. */
        public SpecBuilder postProcess(Buildable<? extends PostProcessor> postProcessor) {
            return postProcess(Objects.requireNonNull(postProcessor, "postProcessor").build());
        }

        private static <B extends Buildable<?>> B configured(Supplier<B> builder, Consumer<? super B> configure,
                String what) {
            B made = Objects.requireNonNull(Objects.requireNonNull(builder, what).get(), what);
            Objects.requireNonNull(configure, "configure").accept(made);
            return made;
        }

        /** Adds every variable of {@code vars}, replacing variables of the same names. */
        public SpecBuilder variables(Variables vars) {
            vars.plain().forEach(variables::put);
            vars.sensitive().forEach(variables::putSensitive);
            return this;
        }

        /** Adds a plain variable; its value is part of the fingerprint. */
        public SpecBuilder variable(String name, String value) {
            variables.put(name, value);
            return this;
        }

        /** Adds a sensitive variable; its value is masked in every output and kept out of the fingerprint. */
        public SpecBuilder sensitiveVariable(String name, Secret value) {
            variables.putSensitive(name, value);
            return this;
        }

        /** The spec. Call {@link ImageSpec#validate()} (the runner does) to check it. */
        @Override
        public ImageSpec build() {
            return new ImageSpec(this);
        }
    }
}
