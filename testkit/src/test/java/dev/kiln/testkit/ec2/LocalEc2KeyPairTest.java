package dev.kiln.testkit.ec2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.KeyType;

/** Key material is real: OpenSSH and OpenSSL read it, and the fingerprints are the ones EC2 documents. */
class LocalEc2KeyPairTest {
    static LocalEc2 ec2;
    static Ec2Client client;
    @TempDir
    static Path dir;

    @BeforeAll
    static void start() {
        ec2 = LocalEc2.create();
        client = Ec2Clients.client(ec2, "eu-west-1");
    }

    @AfterAll
    static void stop() {
        client.close();
        ec2.close();
    }

    @Test
    void createdRsaKeysArePkcs1PemWithTheSha1OfTheirPkcs8AsFingerprint() throws Exception {
        var created = client.createKeyPair(r -> r.keyName("rsa"));
        assertThat(created.keyMaterial()).startsWith("-----BEGIN RSA PRIVATE KEY-----\n");
        Path key = privateKey("rsa", created.keyMaterial());
        assertThat(publicKeyOf(key)).isEqualTo(describedPublicKey("rsa"));
        String sha1 = shell("openssl pkcs8 -topk8 -nocrypt -inform PEM -outform DER -in " + key + " | openssl sha1 -c");
        assertThat(created.keyFingerprint()).isEqualTo(afterEquals(sha1));
    }

    @Test
    void createdEd25519KeysAreOpenSshWithTheirSha256AsFingerprint() throws Exception {
        var created = client.createKeyPair(r -> r.keyName("ed").keyType(KeyType.ED25519));
        assertThat(created.keyMaterial()).startsWith("-----BEGIN OPENSSH PRIVATE KEY-----\n");
        Path key = privateKey("ed", created.keyMaterial());
        assertThat(publicKeyOf(key)).isEqualTo(describedPublicKey("ed")).startsWith("ssh-ed25519 ");
        String fingerprint = shell("ssh-keygen -l -E sha256 -f " + key).split(" ")[1];
        assertThat("SHA256:" + created.keyFingerprint()).isEqualTo(fingerprint + "=");
        assertThat(client.describeKeyPairs(r -> r.keyNames("ed")).keyPairs().get(0).keyTypeAsString()).isEqualTo("ed25519");
    }

    @Test
    void importedKeysGetEc2sFingerprints() throws Exception {
        shell("ssh-keygen -q -t rsa -b 2048 -N '' -C me -f " + dir.resolve("imported"));
        String line = Files.readString(dir.resolve("imported.pub"));
        var rsa = client.importKeyPair(r -> r.keyName("imported").publicKeyMaterial(SdkBytes.fromUtf8String(line)));
        String md5 = shell("ssh-keygen -e -m PKCS8 -f " + dir.resolve("imported.pub") + " | openssl pkey -pubin -outform DER | openssl md5 -c");
        assertThat(rsa.keyFingerprint()).isEqualTo(afterEquals(md5));
        assertThat(describedPublicKey("imported")).isEqualTo(line.substring(0, line.lastIndexOf(' ')));

        shell("ssh-keygen -q -t ed25519 -N '' -f " + dir.resolve("imported-ed"));
        String edLine = Files.readString(dir.resolve("imported-ed.pub"));
        var ed = client.importKeyPair(r -> r.keyName("imported-ed").publicKeyMaterial(SdkBytes.fromUtf8String(edLine)));
        String fingerprint = shell("ssh-keygen -l -E sha256 -f " + dir.resolve("imported-ed.pub")).split(" ")[1];
        assertThat("SHA256:" + ed.keyFingerprint()).isEqualTo(fingerprint + "=");

        assertThatThrownBy(() -> client.importKeyPair(r -> r.keyName("bad").publicKeyMaterial(SdkBytes.fromUtf8String("ssh-rsa nonsense"))))
                .isInstanceOfSatisfying(Ec2Exception.class, e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidKey.Format"));
    }

    private static String describedPublicKey(String name) {
        return client.describeKeyPairs(r -> r.keyNames(name).includePublicKey(true)).keyPairs().get(0).publicKey();
    }

    private static Path privateKey(String name, String material) throws IOException {
        Path key = dir.resolve(name + ".pem");
        Files.writeString(key, material + "\n");
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
        return key;
    }

    private static String publicKeyOf(Path key) throws Exception {
        String[] parts = shell("ssh-keygen -y -f " + key).split(" ");
        return parts[0] + " " + parts[1];
    }

    private static String afterEquals(String opensslDigest) {
        return opensslDigest.substring(opensslDigest.indexOf("= ") + 2);
    }

    private static String shell(String command) throws Exception {
        Process process = new ProcessBuilder("sh", "-c", command).redirectErrorStream(true).start();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(process.exitValue()).as("%s: %s", command, output).isZero();
        return output;
    }
}
