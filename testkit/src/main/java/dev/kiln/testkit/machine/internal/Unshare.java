package dev.kiln.testkit.machine.internal;

import static dev.kiln.core.provision.internal.ShellQuote.quote;

import java.nio.file.Path;
import java.util.List;

/**
 * The namespace sandbox built with util-linux alone, for a root user without bubblewrap. {@code unshare} makes the
 * namespaces; inside, a shell mounts a tmpfs as the new root on {@code hostDir}, binds the layout into it, mounts
 * the pid namespace's {@code /proc} and a {@code /dev} holding only the harmless devices and a private
 * {@code devpts}, sets the hostname, brings up the loopback interface, moves its root there with
 * {@code pivot_root}, and detaches the host's. The mount namespace is private, so none of it reaches the host.
 * That shell stays as pid 1 and reaps orphans while it waits on its {@code sleep}. {@code setpriv --pdeathsig}
 * and {@code unshare --kill-child} end the sandbox when the JVM dies.
 */
final class Unshare extends NamespaceSandbox {
    private static final List<String> DEVICES = List.of("null", "zero", "full", "random", "urandom", "tty");
    /**
     * Brings up {@code lo}: SIOCSIFFLAGS (0x8914) with IFF_UP on a {@code struct ifreq} (a 16-byte name, then the
     * flags in a 24-byte union). Perl because util-linux has no network tool and Debian always has perl-base.
     */
    private static final String LOOPBACK_UP = "perl -e 'socket(my $s, 2, 2, 0) or die \"socket: $!\"; "
            + "my $r = pack(\"Z16 s x22\", \"lo\", 1); ioctl($s, 0x8914, $r) or die \"loopback: $!\"'";

    Unshare(SandboxTools tools) {
        super(tools);
    }

    @Override
    public String name() {
        return "unshare";
    }

    @Override
    List<Path> programs() {
        return List.of(tools.setpriv(), tools.unshare(), tools.nsenter());
    }

    @Override
    List<String> holderCommand(SandboxLayout layout, Path hostDir) {
        return List.of(tools.setpriv().toString(), "--pdeathsig", "KILL", "--",
                tools.unshare().toString(), "--mount", "--pid", "--net", "--uts", "--kill-child",
                "--propagation", "private", "--", "/bin/sh", "-c", script(layout, hostDir));
    }

    private static String script(SandboxLayout layout, Path hostDir) {
        StringBuilder s = new StringBuilder("set -e\nexport PATH=/usr/sbin:/usr/bin:/sbin:/bin\n");
        s.append("R=").append(quote(hostDir.toString())).append('\n');
        s.append("mount -t tmpfs -o mode=0755 kiln-sandbox \"$R\"\n");
        for (SandboxLayout.Mount mount : layout.mounts()) {
            String target = "\"$R\"" + quote(mount.target());
            switch (mount.kind()) {
                case SYMLINK -> s.append("ln -s ").append(quote(mount.source())).append(' ').append(target).append('\n');
                case BIND, READ_ONLY_BIND -> {
                    s.append("mkdir -p ").append(target).append('\n');
                    s.append("mount --bind ").append(quote(mount.source())).append(' ').append(target).append('\n');
                    if (mount.kind() == SandboxLayout.Mount.Kind.READ_ONLY_BIND) {
                        s.append("mount -o remount,bind,ro ").append(target).append('\n');
                    }
                }
            }
        }
        s.append("mkdir \"$R/proc\" \"$R/dev\"\n");
        s.append("mount -t proc proc \"$R/proc\"\n");
        s.append("mount -t tmpfs -o mode=0755 kiln-dev \"$R/dev\"\n");
        s.append("for d in ").append(String.join(" ", DEVICES))
                .append("; do touch \"$R/dev/$d\"; mount --bind \"/dev/$d\" \"$R/dev/$d\"; done\n");
        s.append("mkdir \"$R/dev/pts\" \"$R/dev/shm\"\n");
        s.append("mount -t devpts -o newinstance,ptmxmode=0666,mode=620 devpts \"$R/dev/pts\"\n");
        s.append("ln -s pts/ptmx \"$R/dev/ptmx\"; ln -s /proc/self/fd \"$R/dev/fd\"\n");
        s.append("ln -s /proc/self/fd/0 \"$R/dev/stdin\"; ln -s /proc/self/fd/1 \"$R/dev/stdout\"; "
                + "ln -s /proc/self/fd/2 \"$R/dev/stderr\"\n");
        s.append("echo ").append(quote(layout.hostname())).append(" > /proc/sys/kernel/hostname\n");
        s.append(LOOPBACK_UP).append('\n');
        s.append("cd \"$R\"; mkdir .host; pivot_root . .host; umount -l /.host; rmdir /.host\n");
        s.append("cd ").append(quote(layout.workDir())).append('\n');
        s.append("sleep infinity & wait\n");
        return s.toString();
    }
}
