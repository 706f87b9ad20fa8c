package dev.kiln.core.fake;

import dev.kiln.core.comm.Command;
import dev.kiln.core.comm.CommandResult;
import dev.kiln.core.comm.Communicator;
import dev.kiln.core.comm.OutputSink;
import dev.kiln.core.comm.OutputStreamKind;
import dev.kiln.core.comm.TransferListener;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Runs commands with the local /bin/sh and writes uploads to local paths: the "machine" is this one. Lets a
 * test prove what a real shell makes of the command lines Kiln builds.
 */
public final class LocalShellCommunicator implements Communicator {
    @Override
    public CommandResult execute(Command command, OutputSink output) throws InterruptedException {
        try {
            Process process = new ProcessBuilder("/bin/sh", "-c", command.line()).redirectErrorStream(true).start();
            try (BufferedReader reader = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    output.line(OutputStreamKind.STDOUT, line);
                }
            }
            return CommandResult.exited(process.waitFor());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void upload(Path source, String destination, TransferListener progress) {
        throw new UnsupportedOperationException("not needed by these tests");
    }

    @Override
    public void upload(InputStream source, String destination, int mode, TransferListener progress) {
        try {
            Files.write(Path.of(destination), source.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void download(String source, Path destination, TransferListener progress) {
        throw new UnsupportedOperationException("not needed by these tests");
    }

    @Override
    public void download(String source, OutputStream destination, TransferListener progress) {
        throw new UnsupportedOperationException("not needed by these tests");
    }

    @Override
    public void close() {
    }
}
