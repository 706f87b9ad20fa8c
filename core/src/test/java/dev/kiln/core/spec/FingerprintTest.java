package dev.kiln.core.spec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.core.Secret;
import dev.kiln.core.fake.FakeBuilder;
import dev.kiln.core.provision.Provisioners;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FingerprintTest {
    @TempDir
    Path one;
    @TempDir
    Path two;

    /** A spec whose files live under {@code dir}: a script, a single file and a directory tree. */
    private static ImageSpec spec(Path dir) throws IOException {
        Path script = Files.writeString(dir.resolve("setup.sh"), "#!/bin/sh\necho setup\n");
        Path motd = Files.writeString(dir.resolve("motd.txt"), "hello\n");
        Path site = Files.createDirectories(dir.resolve("site"));
        Files.writeString(site.resolve("index.html"), "<h1>hi</h1>\n");
        Files.createDirectories(site.resolve("css"));
        Files.writeString(site.resolve("css/main.css"), "body{}\n");
        return ImageSpec.builder("web")
                .source(FakeBuilder.named("web", FakeBuilder.newLog()).config("base"))
                .provision(Provisioners.shell().inline("apt-get update", "apt-get install -y nginx")
                        .env("SITE", "example.org").build())
                .provision(Provisioners.shell().script(script).build(), o -> o.maxRetries(2))
                .provision(Provisioners.file().source(motd.toString()).destination("/etc/motd").build())
                .provision(Provisioners.file().source(site + "/").destination("/var/www").build())
                .errorCleanup(Provisioners.shell().inline("journalctl").build())
                .variable("region", "us-east-1")
                .sensitiveVariable("db_password", Secret.of("hunter2"))
                .build();
    }

    @Test
    void theSameSpecWithTheSameFilesInAnotherDirectoryHasTheSameFingerprint() throws IOException {
        String first = spec(one).fingerprint();

        assertThat(spec(one).fingerprint()).isEqualTo(first);
        assertThat(spec(two).fingerprint()).isEqualTo(first).matches("[0-9a-f]{64}");
    }

    /** Pinned: if this changes, every image built before no longer matches its spec. Change it deliberately. */
    @Test
    void theFingerprintOfAFixedSpecIsPinned() throws IOException {
        assertThat(spec(one).fingerprint())
                .isEqualTo("de97b5234a4bfec4e3a0004b6a2e7c07438812b1f0bbc936ad89c433793fb9e3");
    }

    private void assertChanges(UnaryOperator<ImageSpec.SpecBuilder> change) throws IOException {
        ImageSpec base = spec(one);
        assertThat(change.apply(base.toBuilder()).build().fingerprint()).isNotEqualTo(base.fingerprint());
    }

    private void assertKeeps(UnaryOperator<ImageSpec.SpecBuilder> change) throws IOException {
        ImageSpec base = spec(one);
        assertThat(change.apply(base.toBuilder()).build().fingerprint()).isEqualTo(base.fingerprint());
    }

    @Test
    void everyFieldThatShapesTheImageChangesIt() throws IOException {
        assertChanges(b -> b.variable("region", "eu-west-1"));
        assertChanges(b -> b.variable("extra", ""));
        assertChanges(b -> b.sensitiveVariable("another_secret", Secret.of("x")));
        assertChanges(b -> b.provision(Provisioners.shell().inline("true").build()));
        assertChanges(b -> b.errorCleanup(Provisioners.shell().inline("journalctl -b").build()));
        ImageSpec base = spec(one);
        ImageSpec otherSource = ImageSpec.builder("web").source(FakeBuilder.named("web", FakeBuilder.newLog())
                .config("other")).build();
        ImageSpec sameSource = ImageSpec.builder("web").source(FakeBuilder.named("web", FakeBuilder.newLog())
                .config("base")).build();
        assertThat(otherSource.fingerprint()).isNotEqualTo(sameSource.fingerprint());
        assertThat(base.fingerprint()).isNotEqualTo(sameSource.fingerprint());
    }

    @Test
    void theNameSensitiveValuesAndPostProcessorsDoNotChangeIt() throws IOException {
        ImageSpec base = spec(one);
        ImageSpec.SpecBuilder renamed = ImageSpec.builder("api");
        renamed.variables(base.variables());
        base.sources().forEach(s -> renamed.source(FakeBuilder.named("api", FakeBuilder.newLog()).config("base")));
        base.provisioners().forEach(p -> renamed.provision(p.provisioner(), o -> o.maxRetries(p.options().maxRetries())));
        renamed.errorCleanup(base.errorCleanup().orElseThrow());
        assertThat(renamed.build().fingerprint()).isEqualTo(base.fingerprint());
        assertKeeps(b -> b.sensitiveVariable("db_password", Secret.of("another password")));
    }

    @Test
    void provisionerOrderAndOptionsChangeIt() throws IOException {
        ImageSpec base = spec(one);
        ImageSpec.SpecBuilder swapped = ImageSpec.builder("web").source(base.sources().get(0));
        var p = base.provisioners();
        swapped.provision(p.get(1).provisioner(), o -> o.maxRetries(2)).provision(p.get(0).provisioner())
                .provision(p.get(2).provisioner()).provision(p.get(3).provisioner())
                .errorCleanup(base.errorCleanup().orElseThrow()).variables(base.variables());
        assertThat(swapped.build().fingerprint()).isNotEqualTo(base.fingerprint());

        ImageSpec.SpecBuilder otherOptions = ImageSpec.builder("web").source(base.sources().get(0));
        otherOptions.provision(p.get(0).provisioner()).provision(p.get(1).provisioner(), o -> o.maxRetries(2)
                        .timeout(Duration.ofMinutes(1)))
                .provision(p.get(2).provisioner()).provision(p.get(3).provisioner())
                .errorCleanup(base.errorCleanup().orElseThrow()).variables(base.variables());
        assertThat(otherOptions.build().fingerprint()).isNotEqualTo(base.fingerprint());
    }

    @Test
    void oneByteOfAScriptAFileOrAFileInADirectoryChangesIt() throws IOException {
        String base = spec(one).fingerprint();
        assertThat(fingerprintWith(one, "setup.sh", "#!/bin/sh\necho setuP\n")).isNotEqualTo(base);
        assertThat(fingerprintWith(one, "motd.txt", "hellO\n")).isNotEqualTo(base);
        assertThat(fingerprintWith(one, "site/css/main.css", "body{ }\n")).isNotEqualTo(base);
        assertThat(fingerprintWith(one, "site/css/new.css", "")).isNotEqualTo(base);
    }

    /** The spec's fingerprint after {@code relative} gets {@code content}, the other files as spec() writes them. */
    private String fingerprintWith(Path dir, String relative, String content) throws IOException {
        ImageSpec spec = spec(dir);
        Files.writeString(dir.resolve(relative), content);
        return spec.fingerprint();
    }

    @Test
    void theExecutableBitOfAFileInADirectoryChangesIt() throws IOException {
        ImageSpec spec = spec(one);
        String before = spec.fingerprint();
        Files.setPosixFilePermissions(one.resolve("site/index.html"), PosixFilePermissions.fromString("rwxr-xr-x"));
        assertThat(spec.fingerprint()).isNotEqualTo(before);
    }

    @Test
    void movingBytesBetweenFieldsChangesIt() {
        assertThat(new Sha256Fingerprinter().put("a", "bc").hex())
                .isNotEqualTo(new Sha256Fingerprinter().put("ab", "c").hex());
        assertThat(new Sha256Fingerprinter().put("x", "a").put("y", "bc").hex())
                .isNotEqualTo(new Sha256Fingerprinter().put("x", "ab").put("y", "c").hex());
        assertThat(new Sha256Fingerprinter().put("x", (String) null).hex())
                .isNotEqualTo(new Sha256Fingerprinter().put("x", "").hex());
        assertThat(new Sha256Fingerprinter().put("x", "ab").hex())
                .isNotEqualTo(new Sha256Fingerprinter().put("x", "ab".getBytes()).hex());
    }
}
