package dev.kiln.core.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.kiln.core.Secret;
import dev.kiln.core.fake.FakeBuilder;
import dev.kiln.core.pipeline.ImagePipeline;
import dev.kiln.core.post.ManifestPostProcessor;
import dev.kiln.core.post.PostProcessors;
import dev.kiln.core.provision.Provisioners;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageSpecTest {
    @TempDir
    Path dir;

    @Test
    void validationNamesEveryProblemFromTheSpecDown() {
        ImageSpec spec = ImageSpec.builder("web")
                .source(FakeBuilder.named("web", FakeBuilder.newLog())
                        .problem(new Problem("amiName", "is empty", "set a name")))
                .provision(Provisioners.shell().inline("true").build())
                .provision(Provisioners.file().source("x").destination("/tmp/").build())
                .provision(Provisioners.shell().scripts(dir.resolve("missing.sh")).build(),
                        o -> o.timeout(Duration.ofSeconds(-1)))
                .errorCleanup(Provisioners.shell().build())
                .postProcess(PostProcessors.manifest(dir).build())
                .build();

        assertThat(spec.validate()).extracting(Problem::field).containsExactly(
                "sources[web].amiName",
                "provisioners[1].sources[0]",
                "provisioners[2].scripts[0]",
                "provisioners[2].timeout",
                "errorCleanup.inline",
                "postProcessors[0].output");
    }

    @Test
    void aSpecNeedsANameAndAtLeastOneUniquelyNamedSource() {
        assertThat(ImageSpec.builder("").build().validate()).extracting(Problem::field)
                .containsExactly("name", "sources");
        ImageSpec twice = ImageSpec.builder("web").source(FakeBuilder.named("a", FakeBuilder.newLog()))
                .source(FakeBuilder.named("a", FakeBuilder.newLog())).build();
        assertThat(twice.validate()).singleElement().satisfies(p -> {
            assertThat(p.field()).isEqualTo("sources[a]");
            assertThat(p.problem()).isEqualTo("names 2 sources");
        });
    }

    @Test
    void toBuilderKeepsEverythingAndTheSpecStaysImmutable() {
        ImageSpec spec = ImageSpec.builder("web").source(FakeBuilder.named("web", FakeBuilder.newLog()))
                .provision(Provisioners.shell().inline("true").build(), o -> o.maxRetries(3))
                .variable("region", "us-east-1").build();
        ImageSpec more = spec.toBuilder().variable("zone", "a").build();

        assertThat(more.provisioners()).isEqualTo(spec.provisioners());
        assertThat(more.provisioners().get(0).options().maxRetries()).isEqualTo(3);
        assertThat(more.variables().plain()).containsKeys("region", "zone");
        assertThat(spec.variables().plain()).containsOnlyKeys("region");
        assertThat(more.fingerprint()).isNotEqualTo(spec.fingerprint());
    }

    @Test
    void toStringNeverShowsASensitiveValue() {
        ImageSpec spec = ImageSpec.builder("web").source(FakeBuilder.named("web", FakeBuilder.newLog()))
                .provision(Provisioners.shell().inline("true").env("TOKEN", Secret.of("tok-3141")).build())
                .sensitiveVariable("db_password", Secret.of("hunter2")).build();

        assertThat(spec.toString()).contains("db_password=<sensitive>").doesNotContain("hunter2");
        assertThat(spec.provisioners().get(0).toString()).contains("TOKEN=<sensitive>").doesNotContain("tok-3141");
    }

    @Test
    void everyPartCanBeGivenAsItsBuilderWithoutCallingBuild() {
        FakeBuilder web = FakeBuilder.named("web", FakeBuilder.newLog());
        ImageSpec built = ImageSpec.builder("web").source(web)
                .provision(Provisioners.shell().inline("yum update -y").build())
                .provision(Provisioners.file().source(dir.toString()).destination("/srv/").build(),
                        o -> o.maxRetries(2))
                .errorCleanup(Provisioners.shell().inline("journalctl > /tmp/boot.log").build())
                .postProcess(PostProcessors.manifest(dir.resolve("manifest.json")).build())
                .build();

        ImageSpec fromBuilders = ImageSpec.builder("web").source(web)
                .provision(Provisioners.shell().inline("yum update -y"))
                .provision(Provisioners.file().source(dir.toString()).destination("/srv/"), o -> o.maxRetries(2))
                .errorCleanup(Provisioners.shell().inline("journalctl > /tmp/boot.log"))
                .postProcess(PostProcessors.manifest(dir.resolve("manifest.json")))
                .build();

        ImageSpec configured = ImageSpec.builder("web").source(web)
                .provision(Provisioners::shell, shell -> shell.inline("yum update -y"))
                .provision(Provisioners.file().source(dir.toString()).destination("/srv/"), o -> o.maxRetries(2))
                .errorCleanup(Provisioners.shell().inline("journalctl > /tmp/boot.log"))
                .postProcess(PostProcessors.manifest(dir.resolve("manifest.json")))
                .build();

        assertThat(fromBuilders.fingerprint()).isEqualTo(built.fingerprint()).isEqualTo(configured.fingerprint());
        assertThat(fromBuilders.provisioners()).extracting(p -> p.provisioner().type(), p -> p.options().maxRetries())
                .containsExactly(tuple("shell", 0), tuple("file", 2));
        assertThat(fromBuilders.errorCleanup()).get().extracting(Object::toString)
                .isEqualTo(built.errorCleanup().orElseThrow().toString());
        assertThat(fromBuilders.postProcessors()).singleElement().isInstanceOf(ManifestPostProcessor.class);
        assertThat(ImagePipeline.builder().image(ImageSpec.builder("web").source(web)).build().images())
                .containsOnlyKeys("web");
    }
}
