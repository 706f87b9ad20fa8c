package dev.kiln.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.core.Secret;
import dev.kiln.core.spec.Fingerprinter;
import dev.kiln.core.spec.ImageSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AmazonEbsFingerprintTest {

    /** Records every field as text, the way a real fingerprinter would hash it. */
    private static final class Recording implements Fingerprinter {
        final Map<String, String> fields = new TreeMap<>();

        @Override
        public Fingerprinter put(String field, String value) {
            fields.merge(field, String.valueOf(value), (a, b) -> a + "|" + b);
            return this;
        }

        @Override
        public Fingerprinter put(String field, byte[] bytes) {
            return put(field, new String(bytes, StandardCharsets.UTF_8));
        }

        @Override
        public Fingerprinter putFile(String field, Path file) {
            try {
                return put(field, Files.readString(file));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static AmazonEbs.Builder base() {
        return AmazonEbs.builder().region("us-east-1").sourceAmi("ami-0abcdef1234567890").instanceType("t2.micro")
                .sshUsername("ec2-user").amiName("packer-base-1605712345");
    }

    private static Map<String, String> fingerprint(AmazonEbs ebs) {
        Recording r = new Recording();
        ebs.fingerprint(r);
        return r.fields;
    }

    @Test
    void nameTagsAndCredentialsDoNotChangeTheFingerprint() {
        Map<String, String> original = fingerprint(base().build());

        assertThat(fingerprint(base().amiName("packer-base-1605799999").amiTag("Owner", "ci")
                .credentials(AwsCredentialsSource.staticKeys(Secret.of("AKIA1"), Secret.of("s"))).build()))
                .isEqualTo(original);
        assertThat(original.toString()).doesNotContain("packer-base");
    }

    @Test
    void whatDeterminesTheImageChangesIt(@TempDir Path dir) throws IOException {
        Map<String, String> original = fingerprint(base().build());
        Path userData = Files.writeString(dir.resolve("user-data"), "#!/bin/sh\necho one\n");
        Map<String, String> withFile = fingerprint(base().userDataFile(userData).build());
        Files.writeString(userData, "#!/bin/sh\necho two\n");

        assertThat(fingerprint(base().instanceType("t3.micro").build())).isNotEqualTo(original);
        assertThat(fingerprint(base().sourceAmi("ami-0fedcba9876543210").build())).isNotEqualTo(original);
        assertThat(fingerprint(base().amiRegions("us-west-2").build())).isNotEqualTo(original);
        assertThat(fingerprint(base().sourceAmi(null).sourceAmiFromImage("base").build()))
                .isNotEqualTo(original)
                .isNotEqualTo(fingerprint(base().sourceAmi(null).sourceAmiFromImage("core").build()));
        assertThat(fingerprint(base().encryptBoot(true).build())).isNotEqualTo(original);
        assertThat(fingerprint(base().addLaunchBlockDevice(d -> d.deviceName("/dev/xvda").volumeSize(30)).build()))
                .isNotEqualTo(original);
        assertThat(fingerprint(base().userData("#!/bin/sh\necho one\n").build())).isEqualTo(withFile);
        assertThat(fingerprint(base().userDataFile(userData).build())).isNotEqualTo(withFile);
    }

    @Test
    void aSpecTakesTheSourceAsItsBuilderOrAsAConsumerOfANewOne() {
        ImageSpec built = ImageSpec.builder("web").source(base().build()).build();
        ImageSpec fromBuilder = ImageSpec.builder("web").source(base()).build();
        ImageSpec configured = ImageSpec.builder("web").source(AmazonEbs::builder, ebs -> ebs.region("us-east-1")
                .sourceAmi("ami-0abcdef1234567890").instanceType("t2.micro").sshUsername("ec2-user")
                .amiName("packer-base-1605712345")).build();

        assertThat(configured.fingerprint()).isEqualTo(built.fingerprint()).isEqualTo(fromBuilder.fingerprint());
        assertThat(configured.sources()).singleElement().isInstanceOf(AmazonEbs.class)
                .extracting(s -> ((AmazonEbs) s).amiName()).isEqualTo("packer-base-1605712345");
    }

    @Test
    void regionOrderDoesNotMatter() {
        assertThat(fingerprint(base().amiRegions("us-west-2", "eu-west-1").build()))
                .isEqualTo(fingerprint(base().amiRegions("eu-west-1", "us-west-2").build()));
    }

    @Test
    void toBuilderKeepsEveryValue() {
        AmazonEbs ebs = base().amiRegions("us-west-2").sshPort(2222).sshInterface(SshInterface.PRIVATE_DNS)
                .waits(w -> w.imageAvailable(WaitTime.of(java.time.Duration.ofSeconds(1), java.time.Duration.ofHours(2))))
                .runTag("team", "images").forceDeregister(true).build();

        AmazonEbs copy = ebs.toBuilder().build();

        assertThat(fingerprint(copy)).isEqualTo(fingerprint(ebs));
        assertThat(copy.sshPort()).isEqualTo(2222);
        assertThat(copy.sshInterface()).isEqualTo(SshInterface.PRIVATE_DNS);
        assertThat(copy.waits()).isEqualTo(ebs.waits());
        assertThat(copy.runTags()).containsEntry("team", "images");
        assertThat(copy.forceDeregister()).isTrue();
        assertThat(ebs.toBuilder().instanceType("t3.large").build().instanceType()).isEqualTo("t3.large");
        assertThat(ebs.instanceType()).isEqualTo("t2.micro");
    }

    @Test
    void imageWaitDefaultsToAtLeastAnHour() {
        assertThat(Waits.defaults().imageAvailable().maxWait()).isGreaterThanOrEqualTo(java.time.Duration.ofMinutes(60));
    }
}
