package dev.kiln.ssh.internal;

import com.jcraft.jsch.ChannelExec;
import com.jcraft.jsch.JSchException;
import dev.kiln.core.comm.TransferListener;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Moves files with the SCP protocol (the remote {@code scp -t} / {@code scp -f}), for servers without an
 * SFTP subsystem. A stream of unknown length cannot be announced to SCP up front, so stream uploads run
 * {@code cat > destination} instead.
 */
final class ScpTransfer implements Transfer {
    private static final int BUFFER = 64 * 1024;
    private static final int MAX_STDERR = 4096;

    private final Call call;
    private final int timeoutMillis;

    ScpTransfer(Call call, int timeoutMillis) {
        this.call = call;
        this.timeoutMillis = timeoutMillis;
    }

    @Override
    public void upload(Path source, String destination, TransferListener progress)
            throws IOException, InterruptedException, JSchException {
        String dest = Remote.quote(destination);
        if (!Files.isDirectory(source)) {
            try (Exchange scp = new Exchange("scp -p -t " + dest)) {
                scp.ack();
                sendFile(scp, source, destination, progress);
                scp.finish();
            }
            return;
        }
        String mode = String.format(Locale.ROOT, "%04o", Modes.of(source));
        try (Exchange scp = new Exchange("mkdir -p " + dest + " && chmod " + mode + " " + dest
                + " && scp -r -p -t " + dest)) {
            scp.ack();
            for (Path child : children(source)) {
                send(scp, child, Remote.join(destination, child.getFileName().toString()), progress);
            }
            scp.finish();
        }
    }

    @Override
    public void upload(InputStream source, String destination, int mode, TransferListener progress)
            throws IOException, InterruptedException, JSchException {
        String dest = Remote.quote(destination);
        try (Exchange cat = new Exchange("cat > " + dest + " && chmod " + String.format(Locale.ROOT, "%04o", mode)
                + " " + dest)) {
            Progress p = new Progress(progress, destination, -1, call);
            p.init(0, null, destination, -1);
            copy(source, cat.out, Long.MAX_VALUE, p);
            cat.finish();
        }
    }

    @Override
    public void download(String source, Path destination, TransferListener progress)
            throws IOException, InterruptedException, JSchException {
        try (Exchange scp = new Exchange("scp -r -p -f " + Remote.quote(source))) {
            Deque<Path> dirs = new ArrayDeque<>();
            Deque<Integer> dirModes = new ArrayDeque<>();
            scp.sendAck();
            boolean done = false;
            while (!done) {
                String line = scp.readLine();
                if (line == null) {
                    throw new EOFException("scp ended before sending " + source);
                }
                char type = line.charAt(0);
                if (type == 'T') {
                    scp.sendAck();
                } else if (type == 'E') {
                    Modes.set(dirs.pop(), dirModes.pop());
                    scp.sendAck();
                    done = dirs.isEmpty();
                } else if (type == 'C' || type == 'D') {
                    Header h = Header.parse(line);
                    Path local = dirs.isEmpty() ? destination : dirs.peek().resolve(h.name());
                    String remote = dirs.isEmpty() ? source : Remote.join(source, destination.relativize(local));
                    if (type == 'D') {
                        Files.createDirectories(local);
                        dirs.push(local);
                        dirModes.push(h.mode());
                        scp.sendAck();
                    } else {
                        scp.sendAck();
                        try (OutputStream out = Files.newOutputStream(local)) {
                            receive(scp, h, out, remote, progress);
                        }
                        Modes.set(local, h.mode());
                        done = dirs.isEmpty();
                    }
                } else {
                    throw new IOException("scp sent an unexpected line: " + line);
                }
            }
            scp.finish();
        }
    }

    @Override
    public void download(String source, OutputStream destination, TransferListener progress)
            throws IOException, InterruptedException, JSchException {
        try (Exchange scp = new Exchange("scp -f " + Remote.quote(source))) {
            scp.sendAck();
            String line = scp.readLine();
            if (line == null || line.charAt(0) != 'C') {
                throw new IOException("scp: " + source + " is not a regular file");
            }
            scp.sendAck();
            receive(scp, Header.parse(line), destination, source, progress);
            scp.finish();
        }
    }

    private void send(Exchange scp, Path local, String remote, TransferListener progress)
            throws IOException, InterruptedException {
        if (!Files.isDirectory(local)) {
            sendFile(scp, local, remote, progress);
            return;
        }
        scp.line(String.format(Locale.ROOT, "D%04o 0 %s", Modes.of(local), local.getFileName()));
        for (Path child : children(local)) {
            send(scp, child, Remote.join(remote, child.getFileName().toString()), progress);
        }
        scp.line("E");
    }

    private void sendFile(Exchange scp, Path local, String remote, TransferListener progress)
            throws IOException, InterruptedException {
        long size = Files.size(local);
        scp.line(String.format(Locale.ROOT, "C%04o %d %s", Modes.of(local), size, local.getFileName()));
        Progress p = new Progress(progress, remote, size, call);
        p.init(0, local.toString(), remote, size);
        try (InputStream in = Files.newInputStream(local)) {
            copy(in, scp.out, size, p);
        }
        scp.out.write(0);
        scp.out.flush();
        scp.ack();
    }

    private void receive(Exchange scp, Header h, OutputStream out, String remote, TransferListener progress)
            throws IOException, InterruptedException {
        Progress p = new Progress(progress, remote, h.size(), call);
        p.init(0, remote, null, h.size());
        long copied = copy(scp.in, out, h.size(), p);
        if (copied < h.size()) {
            throw new EOFException("scp: " + remote + " ended after " + copied + " of " + h.size() + " bytes");
        }
        scp.ack();
        scp.sendAck();
    }

    /** Copies up to {@code limit} bytes; throws {@link InterruptedException} once the call is cancelled. */
    private static long copy(InputStream in, OutputStream out, long limit, Progress progress)
            throws IOException, InterruptedException {
        byte[] buffer = new byte[BUFFER];
        long copied = 0;
        while (copied < limit) {
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, limit - copied));
            if (n < 0) {
                break;
            }
            out.write(buffer, 0, n);
            copied += n;
            if (!progress.count(n)) {
                throw new InterruptedException("transfer cancelled");
            }
        }
        return copied;
    }

    private static List<Path> children(Path dir) throws IOException {
        try (Stream<Path> list = Files.list(dir)) {
            return list.sorted().toList();
        }
    }

    /** A C or D line: {@code C0644 1234 name}. */
    private record Header(int mode, long size, String name) {
        static Header parse(String line) throws IOException {
            String[] parts = line.substring(1).split(" ", 3);
            if (parts.length != 3 || parts[2].contains("/") || parts[2].equals("..")) {
                throw new IOException("scp sent a malformed header: " + line);
            }
            return new Header(Integer.parseInt(parts[0], 8), Long.parseLong(parts[1]), parts[2]);
        }
    }

    /** One remote command with its stdin, stdout and (bounded) stderr. */
    private final class Exchange implements AutoCloseable {
        private final ChannelExec channel;
        private final InputStream in;
        private final OutputStream out;
        private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();

        Exchange(String command) throws JSchException, IOException, InterruptedException {
            channel = (ChannelExec) call.open("exec");
            channel.setCommand(command);
            channel.setExtOutputStream(new OutputStream() {
                @Override
                public void write(int b) {
                    write(new byte[] {(byte) b}, 0, 1);
                }

                @Override
                public void write(byte[] b, int off, int len) {
                    synchronized (stderr) {
                        stderr.write(b, off, Math.max(0, Math.min(len, MAX_STDERR - stderr.size())));
                    }
                }
            }, false);
            in = channel.getInputStream();
            out = channel.getOutputStream();
            channel.connect(timeoutMillis);
        }

        void line(String text) throws IOException {
            out.write((text + "\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            ack();
        }

        void sendAck() throws IOException {
            out.write(0);
            out.flush();
        }

        /** Reads the peer's one-byte answer: 0 is fine, 1 and 2 carry an error message. */
        void ack() throws IOException {
            int b = in.read();
            if (b == 0) {
                return;
            }
            if (b < 0) {
                throw new EOFException("scp ended early" + stderrText());
            }
            String message = readLine();
            throw new IOException("scp: " + (message == null ? "error " + b : message) + stderrText());
        }

        /** Reads a protocol line (without its newline); null at end of stream. Error lines throw. */
        String readLine() throws IOException {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            int b;
            while ((b = in.read()) >= 0 && b != '\n') {
                line.write(b);
            }
            if (b < 0 && line.size() == 0) {
                return null;
            }
            String text = line.toString(StandardCharsets.UTF_8);
            if (!text.isEmpty() && (text.charAt(0) == 1 || text.charAt(0) == 2)) {
                throw new IOException("scp: " + text.substring(1) + stderrText());
            }
            if (text.isEmpty()) {
                throw new IOException("scp sent an empty line" + stderrText());
            }
            return text;
        }

        /** Closes stdin and waits for the command to exit with status 0. */
        void finish() throws IOException, InterruptedException {
            out.close();
            while (!channel.isClosed()) {
                if (in.read() < 0) {
                    break;
                }
            }
            while (!channel.isClosed() && call.connectionOpen()) {
                Thread.sleep(5);
            }
            if (channel.getExitStatus() != 0) {
                throw new IOException("remote command exited with status " + channel.getExitStatus() + stderrText());
            }
        }

        private String stderrText() {
            synchronized (stderr) {
                String text = stderr.toString(StandardCharsets.UTF_8).strip();
                return text.isEmpty() ? "" : " (" + text + ")";
            }
        }

        @Override
        public void close() {
            channel.disconnect();
        }
    }
}
