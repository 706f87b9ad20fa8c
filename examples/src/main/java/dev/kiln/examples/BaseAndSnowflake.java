package dev.kiln.examples;

import dev.kiln.aws.AmazonEbs;
import dev.kiln.core.pipeline.ImagePipeline;
import dev.kiln.core.post.PostProcessors;
import dev.kiln.core.provision.Provisioners;
import dev.kiln.core.spec.ImageSpec;
import dev.kiln.docker.Docker;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The second seed article in Kiln: CircleCI's daisy chain of a base AMI and a "snowflake" AMI built on it,
 * as one {@link ImagePipeline} instead of shell glue around two Packer templates. Given a {@link DockerTarget},
 * each image also gets a docker source beside amazon-ebs, as the article's template has: the same provisioners
 * bake an AMI and a container image, in parallel, and the snowflake's container image starts from the base's
 * ({@code imageFromImage("base")}).
 *
 * <ul>
 *   <li>base: Ubuntu 16.04 ({@value #UBUNTU_1604}); waits for cloud-init, uploads {@code images/base/files}
 *       and runs {@code images/base/tasks/baseline.sh} and {@code cleanup.sh}: UTC clock, package upgrade,
 *       a static site in {@code /srv/www}, the login user's settings in {@code ~/.config/kiln-demo}. Tagged
 *       {@code SHA} with the git tree hash of its folder ({@code git ls-tree HEAD <dir>}), which the pipeline's
 *       {@code tag_exists} looks AMIs up by (the snowflake too).</li>
 *   <li>snowflake: starts from the base's AMI ({@code sourceAmiFromImage("base")}), runs
 *       {@code images/snowflake/tasks/app.sh} and the base's cleanup through sudo with the pipeline's
 *       execute command: the service script {@code /opt/app/bin/app} and {@code /etc/init.d/app}. Its container
 *       image runs {@code app check} by default.</li>
 * </ul>
 * Both write Packer's manifest ({@code manifest-base.json}, {@code manifest-snowflake.json}), one entry a source,
 * which CI scripts read with {@code jq}. Both skip-if-exists: a run with nothing changed reuses both AMIs and
 * both container images and launches nothing; a changed base rebuilds both, since the snowflake's fingerprint
 * includes the base's. A container has no cloud-init to wait for, so that wait is skipped where
 * {@code KILN_BUILDER_TYPE} is {@code docker} (Packer's {@code PACKER_BUILDER_TYPE} idiom).
 *
 * <pre>{@code
 * ImagePipeline chain = BaseAndSnowflake.pipeline(Target.aws("us-east-1"), Optional.empty(), Path.of("."),
 *         Instant.now());
 * PipelineResult result = chain.run(kiln);
 * }</pre>
 *
 * <p>{@link #main} builds and tests the chain on AWS; {@link LocalDemo} does the same on LocalEc2.
 */
public final class BaseAndSnowflake {
    /** The base image's name in the pipeline. */
    public static final String BASE = "base";
    /** The snowflake image's name in the pipeline. */
    public static final String SNOWFLAKE = "snowflake";
    /** The pipeline's source AMI: Canonical's Ubuntu 16.04 (2018-01) in us-east-1. */
    public static final String UBUNTU_1604 = "ami-aa2ea6d0";
    /** The login user of the Ubuntu images. */
    public static final String USER = "ubuntu";
    /** The pipeline's first provisioner: wait until cloud-init has finished booting the instance (not a container). */
    public static final String WAIT_FOR_CLOUD_INIT = "[ \"$KILN_BUILDER_TYPE\" = docker ] || "
            + "while [ ! -f /var/lib/cloud/instance/boot-finished ]; do echo 'Waiting for cloud-init...'; sleep 1; done";
    /**
     * The snowflake's execute command: the script runs as root through {@code sudo -E}, which keeps the
     * variables set before it. (Nesting {@code {{.Vars}}} inside {@code sh -c '...'} would break on values with
     * spaces, because the values are single-quoted.)
     */
    public static final String SUDO_EXECUTE = "chmod +x {{.Path}}; {{.Vars}} sudo -E {{.Path}}";
    /** The app version the snowflake installs. */
    static final String APP_VERSION = "1.0.0";

    private BaseAndSnowflake() {
    }

    /**
     * The chain on {@code target}, and on {@code docker} too when present: manifests written to {@code workDir},
     * the example files copied there when they sit in a jar, AMI names stamped with {@code timestamp}.
     */
    public static ImagePipeline pipeline(Target target, Optional<DockerTarget> docker, Path workDir,
            Instant timestamp) {
        return ImagePipeline.builder().image(base(target, docker, workDir, timestamp))
                .image(snowflake(target, docker, workDir, timestamp)).build();
    }

    /** The manifest an image of the chain writes in {@code workDir}: {@code manifest-<image>.json}. */
    public static Path manifest(Path workDir, String image) {
        return workDir.resolve("manifest-" + image + ".json");
    }

    /** What the image test checks on an instance of the snowflake: every file both images baked, and the app. */
    public static List<ImageTest.Check> checks() {
        return List.of(
                new ImageTest.Check("the base's settings are in ~/.config/kiln-demo",
                        "grep -q '^site_root=/srv/www$' \"$HOME/.config/kiln-demo/site.conf\""),
                new ImageTest.Check("the base's static site is in /srv/www",
                        "test -s /srv/www/index.html && test -s /srv/www/style.css"),
                new ImageTest.Check("the snowflake's service script is installed", "test -x /opt/app/bin/app"),
                new ImageTest.Check("the snowflake's init script is installed", "test -x /etc/init.d/app"),
                new ImageTest.Check("the app finds its settings and site", "/opt/app/bin/app check"),
                new ImageTest.Check("the clock is UTC", "test \"$(date +%Z)\" = UTC"));
    }

    private static ImageSpec base(Target target, Optional<DockerTarget> docker, Path workDir, Instant timestamp) {
        Path folder = ExampleFiles.folder(BASE, workDir);
        Optional<Docker.Builder> container = docker.map(d -> d.docker().image(d.baseImage()));
        return image(BASE, workDir, folder, target.amazonEbs().sourceAmi(UBUNTU_1604), container,
                "baseline-ubuntu-1604", timestamp)
                .provision(Provisioners.shell()
                        .scripts(folder.resolve("tasks/baseline.sh"), folder.resolve("tasks/cleanup.sh"))
                        .build())
                .build();
    }

    private static ImageSpec snowflake(Target target, Optional<DockerTarget> docker, Path workDir, Instant timestamp) {
        Path folder = ExampleFiles.folder(SNOWFLAKE, workDir);
        Path base = ExampleFiles.folder(BASE, workDir);
        AmazonEbs.Builder source = target.amazonEbs().sourceAmiFromImage(BASE).runTag("ami-create", SNOWFLAKE);
        Optional<Docker.Builder> container = docker.map(d -> d.docker().imageFromImage(BASE)
                .changes("CMD [\"/opt/app/bin/app\", \"check\"]"));
        return image(SNOWFLAKE, workDir, folder, source, container, SNOWFLAKE, timestamp)
                .provision(Provisioners.shell()
                        .scripts(folder.resolve("tasks/app.sh"), base.resolve("tasks/cleanup.sh"))
                        .env("APP_VERSION", APP_VERSION)
                        .executeCommand(SUDO_EXECUTE)
                        .build())
                .build();
    }

    /**
     * What both images share: a t2.micro with the Ubuntu user, skip-if-exists, the template's tags (as labels on
     * the container image), the wait for cloud-init, the upload of the image's {@code files/} to
     * {@code /tmp/kiln-<image>}, and the manifest.
     */
    private static ImageSpec.SpecBuilder image(String image, Path workDir, Path folder, AmazonEbs.Builder source,
            Optional<Docker.Builder> container, String amiName, Instant timestamp) {
        String sha = GitTree.ofFolder(ExampleFiles.REPOSITORY_FOLDER + image).orElse(GitTree.NONE);
        ImageSpec.SpecBuilder spec = ImageSpec.builder(image)
                .source(source
                        .instanceType("t2.micro")
                        .sshUsername(USER)
                        .amiName(amiName + "-" + timestamp.getEpochSecond())
                        .amiDescription(amiName + " AMI")
                        .amiTags(Map.of("OS_Name", "Ubuntu", "OS_Version", "16.04", "ami", image, "SHA", sha))
                        .skipIfExists(true)
                        .build());
        container.ifPresent(docker -> spec.source(docker.changes("LABEL image=\"" + image + "\" SHA=\"" + sha + "\"")
                .build()));
        return spec
                .provision(Provisioners.shell().inline(WAIT_FOR_CLOUD_INIT).build())
                .provision(Provisioners.file().source(folder.resolve("files") + "/").destination("/tmp/kiln-" + image)
                        .build())
                .postProcess(PostProcessors.manifest(manifest(workDir, image)).stripPath(true).build());
    }

    /**
     * Builds and tests the chain on AWS, its container images on the local Docker when it answers:
     * {@code BaseAndSnowflake [region]}, default us-east-1.
     */
    public static void main(String[] args) throws InterruptedException {
        Target target = Target.aws(Args.region(args, "usage: demo aws [REGION (default us-east-1)]"));
        ChainRun.Report report;
        try (CtrlC ctrlC = CtrlC.interruptsThisThread(System.out)) {
            Optional<DockerTarget> docker = DockerTarget.ifAvailable(DockerTarget.DEMO_BASE_IMAGE, System.out);
            report = new ChainRun(target, docker, Path.of("").toAbsolutePath(), System.out).run();
        }
        if (!report.succeeded()) {
            System.exit(1);
        }
    }
}
