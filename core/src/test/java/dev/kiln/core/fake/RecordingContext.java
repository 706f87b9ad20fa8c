package dev.kiln.core.fake;

import dev.kiln.core.Secret;
import dev.kiln.core.builder.BuildContext;
import dev.kiln.core.builder.Cleanup;
import dev.kiln.core.builder.StepBody;
import dev.kiln.core.builder.Undo;
import dev.kiln.core.comm.OutputSink;
import dev.kiln.core.spec.Variables;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** A BuildContext for testing one provisioner or post-processor alone: records what it is told. */
public final class RecordingContext implements BuildContext {
    public final List<String> said = Collections.synchronizedList(new ArrayList<>());
    public final List<String> details = Collections.synchronizedList(new ArrayList<>());
    public final List<String> output = Collections.synchronizedList(new ArrayList<>());
    public final List<Secret> redacted = Collections.synchronizedList(new ArrayList<>());
    private final String sourceName;
    private final String sessionId;

    public RecordingContext() {
        this("web", "11111111-2222-3333-4444-555555555555");
    }

    public RecordingContext(String sourceName, String sessionId) {
        this.sourceName = sourceName;
        this.sessionId = sessionId;
    }

    @Override
    public String sessionId() {
        return sessionId;
    }

    @Override
    public String imageName() {
        return "image";
    }

    @Override
    public String sourceName() {
        return sourceName;
    }

    @Override
    public String builderType() {
        return "fake";
    }

    @Override
    public String fingerprint() {
        return "0".repeat(64);
    }

    @Override
    public Variables variables() {
        return Variables.empty();
    }

    @Override
    public void say(String message) {
        said.add(message);
    }

    @Override
    public void detail(String message) {
        details.add(message);
    }

    @Override
    public OutputSink output() {
        return (stream, line) -> output.add(line);
    }

    @Override
    public <T> T step(String name, StepBody<T> body) throws Exception {
        checkCancelled();
        return body.run();
    }

    @Override
    public Cleanup onCleanup(String description, Undo undo) {
        return resource -> { };
    }

    @Override
    public Cleanup onFailure(String description, Undo undo) {
        return resource -> { };
    }

    @Override
    public void redact(Secret secret) {
        redacted.add(secret);
    }

    @Override
    public void checkCancelled() throws InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException("interrupted");
        }
    }
}
