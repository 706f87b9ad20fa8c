package dev.kiln.core.provision;

import dev.kiln.core.builder.BuildContext;
import dev.kiln.core.comm.Communicator;
import dev.kiln.core.spec.Fingerprinter;
import dev.kiln.core.spec.Problem;
import java.util.List;

/**
 * Configures a running machine: runs commands, moves files. Provisioners run in the spec's order.
 * Implementations are immutable; pause-before, retries and timeouts are added around them by the runner,
 * not by each provisioner.
 */
public interface Provisioner {

    /** The provisioner type, e.g. {@code shell} or {@code file}. */
    String type();

    /** Every problem with this configuration (missing files, conflicting options), with no network call. */
    List<Problem> validate();

    /** Adds every command and the bytes of every file this provisioner uses. */
    void fingerprint(Fingerprinter fingerprinter);

    /**
     * Provisions the machine behind {@code communicator}.
     *
     * @throws ProvisionerException when the machine's work failed, e.g. a script exited non-zero
     */
    void provision(BuildContext context, Communicator communicator) throws Exception;
}
