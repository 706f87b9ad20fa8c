package dev.kiln.core.fake;

import dev.kiln.core.Secret;
import dev.kiln.core.builder.Resource;
import dev.kiln.core.comm.CommandResult;
import dev.kiln.core.comm.OutputStreamKind;
import dev.kiln.core.provision.Provisioners;
import dev.kiln.core.spec.ImageSpec;
import java.util.List;

/**
 * A spec {@code image} whose build sends every kind of build event, with a sensitive variable in its texts
 * and errors. Source {@code web} says and details something, prints a line to each output stream, builds,
 * and leaves its security group behind when that undo fails; source {@code db} fails to capture.
 */
public final class EveryEventSpec {
    /** The sensitive variable's value, which no listener or log may show. */
    public static final String TOKEN = "tok-3f9a21c7";
    /** The resource web leaves behind. */
    public static final Resource SECURITY_GROUP = new Resource("security-group", "sg-web", "local");

    private EveryEventSpec() {
    }

    public static ImageSpec create(List<String> log) {
        FakeBuilder web = FakeBuilder.named("web", log).failingUndo().onLaunch(context -> {
            context.say("Launching with token " + TOKEN);
            context.warn("the token " + TOKEN + " is shared");
            context.detail("Instance ID: i-web");
        });
        web.communicator().behave((command, output) -> {
            if (command.line().contains("script_")) {
                output.line(OutputStreamKind.STDOUT, "hello " + TOKEN);
                output.line(OutputStreamKind.STDERR, "warning: disk almost full");
            }
            return CommandResult.exited(0);
        });
        FakeBuilder db = FakeBuilder.named("db", log).onCapture(context -> {
            throw new IllegalStateException("CreateImage failed for " + TOKEN);
        });
        return ImageSpec.builder("image").source(web).source(db)
                .provision(Provisioners.shell().inline("echo hello").build())
                .sensitiveVariable("api_token", Secret.of(TOKEN))
                .build();
    }
}
