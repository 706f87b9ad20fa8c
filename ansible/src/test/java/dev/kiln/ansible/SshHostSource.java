package dev.kiln.ansible;

import dev.kiln.core.builder.Artifact;
import dev.kiln.core.builder.BuildContext;
import dev.kiln.core.builder.Builder;
import dev.kiln.core.builder.Machine;
import dev.kiln.core.spec.Fingerprinter;
import dev.kiln.core.spec.Problem;
import dev.kiln.ssh.SshCommunicator;
import dev.kiln.ssh.SshTarget;
import java.util.List;
import java.util.Optional;

/**
 * A source that builds on an SSH host that is already running, as Packer's {@code null} builder does: it
 * connects, lets the provisioners run, and captures nothing but the host's address.
 */
record SshHostSource(SshTarget target) implements Builder {

    @Override
    public String name() {
        return "ssh-host";
    }

    @Override
    public String type() {
        return "null";
    }

    @Override
    public List<Problem> validate() {
        return List.of();
    }

    @Override
    public void fingerprint(Fingerprinter fingerprinter) {
        fingerprinter.put("host", target.address());
    }

    @Override
    public Optional<Artifact> findExisting(BuildContext context) {
        return Optional.empty();
    }

    @Override
    public Machine launch(BuildContext context) throws Exception {
        return context.step("connect", () -> {
            SshCommunicator ssh = SshCommunicator.connect(target, context::detail);
            context.onCleanup("close the SSH connection", ssh::close);
            return new Machine(target.address(), target.host(), ssh);
        });
    }

    @Override
    public Artifact capture(BuildContext context, Machine machine) {
        return new HostArtifact(target.address());
    }

    /** What the source captures: the host's address. */
    record HostArtifact(String id) implements Artifact {
        @Override
        public String builderType() {
            return "null";
        }

        @Override
        public List<String> files() {
            return List.of();
        }

        @Override
        public String describe() {
            return "SSH host " + id;
        }
    }
}
