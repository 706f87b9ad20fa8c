package dev.kiln.core.fake;

import dev.kiln.core.comm.Command;
import dev.kiln.core.comm.CommandResult;
import dev.kiln.core.comm.Communicator;
import dev.kiln.core.comm.CommunicatorException;
import dev.kiln.core.comm.OutputSink;
import dev.kiln.core.comm.TransferListener;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A communicator that records every call. Commands run through a {@link Behavior} (default: exit 0);
 * uploads can be made to fail with "connection refused" a number of times first, as while a machine reboots.
 */
public final class FakeCommunicator implements Communicator {
    /** What a command does. */
    @FunctionalInterface
    public interface Behavior {
        CommandResult run(Command command, OutputSink output) throws InterruptedException;
    }

    public final List<String> commands = Collections.synchronizedList(new ArrayList<>());
    public final Map<String, byte[]> uploads = Collections.synchronizedMap(new LinkedHashMap<>());
    public final List<String> uploadedPaths = Collections.synchronizedList(new ArrayList<>());
    public final List<String> transfers = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger unreachableUploads = new AtomicInteger();
    private volatile Behavior behavior = (command, output) -> CommandResult.exited(0);
    private volatile boolean closed;

    public FakeCommunicator behave(Behavior behavior) {
        this.behavior = behavior;
        return this;
    }

    /** The next {@code count} uploads fail as if the machine could not be reached. */
    public FakeCommunicator unreachableFor(int count) {
        unreachableUploads.set(count);
        return this;
    }

    public boolean closed() {
        return closed;
    }

    @Override
    public CommandResult execute(Command command, OutputSink output) throws InterruptedException {
        commands.add(command.line());
        return behavior.run(command, output);
    }

    @Override
    public void upload(Path source, String destination, TransferListener progress) {
        transfers.add("upload " + source + " -> " + destination);
    }

    @Override
    public void upload(InputStream source, String destination, int mode, TransferListener progress) {
        if (unreachableUploads.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw new CommunicatorException("connection refused");
        }
        try {
            uploads.put(destination, source.readAllBytes());
            uploadedPaths.add(destination);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void download(String source, Path destination, TransferListener progress) {
        transfers.add("download " + source + " -> " + destination);
    }

    @Override
    public void download(String source, OutputStream destination, TransferListener progress) {
        transfers.add("download " + source + " -> stream");
    }

    @Override
    public void close() {
        closed = true;
    }
}
