package dev.kiln.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kiln.core.comm.Command;
import dev.kiln.core.comm.TransferListener;
import dev.kiln.testkit.openssh.OpenSshServer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SFTP transfers against real OpenSSH. */
class SshTransferTest {
    static final SshKeyPair KEYS = SshKeys.generate();
    static OpenSshServer sshd;
    static SshCommunicator ssh;
    static String remote;

    @TempDir
    Path local;

    @BeforeAll
    static void connect() throws InterruptedException {
        sshd = Servers.started(KEYS);
        ssh = SshCommunicator.connect(Servers.target(sshd, KEYS).build());
        remote = sshd.directory().resolve("remote").toString();
    }

    @AfterAll
    static void close() {
        ssh.close();
        sshd.close();
    }

    @Test
    void aStreamOf1GibIsUploadedIntact() throws Exception {
        long size = 1024L * 1024 * 1024;
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        List<Long> reported = new ArrayList<>();
        String target = remote + "-1gib.bin";
        try (InputStream data = new DigestInputStream(new GeneratedData(size), sha)) {
            ssh.upload(data, target, 0600, (path, transferred, total) -> {
                if (reported.isEmpty() || transferred - reported.get(reported.size() - 1) >= 64L * 1024 * 1024
                        || transferred == size) {
                    reported.add(transferred);
                }
            });
        }
        List<String> out = new ArrayList<>();
        assertThat(ssh.execute(Command.of("sha256sum " + target + " | cut -d' ' -f1; stat -c '%s %a' " + target
                + "; rm " + target), (stream, line) -> out.add(line)).succeeded()).isTrue();
        assertThat(out).containsExactly(HexFormat.of().formatHex(sha.digest()), size + " 600");
        assertThat(reported).last().isEqualTo(size);
        assertThat(reported).isSorted().hasSizeGreaterThan(10);
    }

    @Test
    void aFileAndAStreamGoUpAndComeBackWithTheirModes() throws Exception {
        Path script = local.resolve("run.sh");
        Files.writeString(script, "#!/bin/sh\necho hi\n");
        Files.setPosixFilePermissions(script, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-x---"));
        ssh.upload(script, remote + "-run.sh", TransferListener.NONE);
        ssh.upload(new ByteArrayInputStream("settings\n".getBytes(StandardCharsets.UTF_8)), remote + "-conf", 0640,
                TransferListener.NONE);

        assertThat(Servers.stdout(ssh, "stat -c '%a' " + remote + "-run.sh " + remote + "-conf; " + remote + "-run.sh"))
                .containsExactly("750", "640", "hi");

        Path back = local.resolve("back.sh");
        ssh.download(remote + "-run.sh", back, TransferListener.NONE);
        assertThat(Files.readString(back)).isEqualTo("#!/bin/sh\necho hi\n");
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(back)))
                .isEqualTo("rwxr-x---");
        ByteArrayOutputStream conf = new ByteArrayOutputStream();
        ssh.download(remote + "-conf", conf, TransferListener.NONE);
        assertThat(conf.toString(StandardCharsets.UTF_8)).isEqualTo("settings\n");
    }

    @Test
    void aDirectoryTreeMakesTheRoundTripWithModesAndProgress() throws Exception {
        Trees.assertRoundTrip(ssh, local, remote + "-tree");
    }

    @Test
    void aMissingRemoteFileIsAClearError() {
        assertThatThrownBy(() -> ssh.download(remote + "-nothing-here", local.resolve("x"), TransferListener.NONE))
                .isInstanceOf(SshException.class)
                .hasMessageContaining(remote + "-nothing-here")
                .hasMessageContaining("No such file");
    }

    /** Pseudo-random bytes, made on the fly: every MiB is a random block with its index mixed in. */
    static final class GeneratedData extends InputStream {
        private final byte[] block = new byte[1024 * 1024];
        private final long size;
        private long position;

        GeneratedData(long size) {
            this.size = size;
            new java.util.Random(7).nextBytes(block);
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (position >= size) {
                return -1;
            }
            int offset = (int) (position % block.length);
            int n = (int) Math.min(Math.min(len, block.length - offset), size - position);
            System.arraycopy(block, offset, b, off, n);
            if (offset == 0 && n >= 8) {
                long index = position / block.length;
                for (int i = 0; i < 8; i++) {
                    b[off + i] ^= (byte) (index >>> (8 * i));
                }
            }
            position += n;
            return n;
        }
    }

}
