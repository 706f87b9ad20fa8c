package dev.kiln.ansible.internal;

import dev.kiln.core.provision.internal.ShellQuote;
import dev.kiln.ssh.SshTarget;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The OpenSSH options with which Ansible's ssh reaches the build's machine as Kiln does: the key from Kiln's
 * agent, each hop's host key held to what Kiln verified (or accepted as any key where the hop's policy is
 * {@code acceptAny}), and the bastion chain as nested {@code ProxyCommand}s.
 *
 * <pre>{@code
 * SshOptions options = new SshOptions(dir.resolve("known_hosts"), Optional.of(agent.socket()));
 * Files.write(options.knownHostsFile(), options.knownHostsLines(target, ssh.knownHostsLines()));
 * String commonArgs = options.commonArguments(target);
 * }</pre>
 *
 * @param knownHostsFile where the known_hosts file of the verified keys is written
 * @param agentSocket Kiln's agent; null to leave ssh with the caller's own {@code SSH_AUTH_SOCK}
 */
public record SshOptions(Path knownHostsFile, Path agentSocket) {
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_@%+=:,./-]+");

    /**
     * The known_hosts lines to write: of the verified lines (the machine's first, then each bastion's from the
     * nearest out), those of the hops whose policy checks keys.
     */
    public List<String> knownHostsLines(SshTarget target, List<String> verified) {
        List<String> lines = new ArrayList<>();
        List<SshTarget> hops = hops(target);
        for (int i = 0; i < hops.size() && i < verified.size(); i++) {
            if (!hops.get(i).hostKeyPolicy().acceptsAny()) {
                lines.add(verified.get(i));
            }
        }
        return lines;
    }

    /** The ssh options for the machine, as one shell-quoted string for {@code ansible_ssh_common_args}. */
    public String commonArguments(SshTarget target) {
        return quoted(withProxy(target));
    }

    /** Every hop from the machine out: the target, its bastion, that bastion's bastion... */
    public static List<SshTarget> hops(SshTarget target) {
        List<SshTarget> hops = new ArrayList<>();
        for (SshTarget hop = target; hop != null; hop = hop.bastion().orElse(null)) {
            hops.add(hop);
        }
        return hops;
    }

    private List<String> withProxy(SshTarget hop) {
        List<String> args = options(hop);
        hop.bastion().ifPresent(bastion -> {
            args.add("-o");
            // ssh expands %h and %p in the whole ProxyCommand, so a nested one keeps its own as %%h and %%p
            args.add("ProxyCommand=" + proxyCommand(bastion));
        });
        return args;
    }

    private String proxyCommand(SshTarget bastion) {
        List<String> command = new ArrayList<>();
        command.add("ssh");
        command.addAll(withProxy(bastion).stream().map(a -> a.startsWith("ProxyCommand=")
                ? "ProxyCommand=" + a.substring("ProxyCommand=".length()).replace("%", "%%") : a).toList());
        command.addAll(List.of("-p", Integer.toString(bastion.port()), "-l", bastion.user(), "-W", "%h:%p",
                bastion.host()));
        return quoted(command);
    }

    private List<String> options(SshTarget hop) {
        // GSSAPI (on in Debian's ssh_config) would look the host up in DNS: Kiln logs in with keys only
        List<String> args = new ArrayList<>(List.of("-o", "BatchMode=yes", "-o", "CheckHostIP=no",
                "-o", "UpdateHostKeys=no", "-o", "GSSAPIAuthentication=no"));
        if (agentSocket != null) {
            args.addAll(List.of("-o", "IdentityAgent=" + agentSocket));
        }
        if (hop.hostKeyPolicy().acceptsAny()) {
            args.addAll(List.of("-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null"));
        } else {
            args.addAll(List.of("-o", "StrictHostKeyChecking=yes", "-o", "UserKnownHostsFile=" + knownHostsFile,
                    "-o", "GlobalKnownHostsFile=/dev/null"));
        }
        return args;
    }

    /**
     * The arguments as shell words, quoted only where needed: Ansible strips a pair of quotes around a whole
     * option value, so the string must not start and end with one.
     */
    private static String quoted(List<String> args) {
        return args.stream().map(a -> PLAIN.matcher(a).matches() ? a : ShellQuote.quote(a))
                .collect(Collectors.joining(" "));
    }
}
