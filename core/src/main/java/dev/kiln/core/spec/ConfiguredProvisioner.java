package dev.kiln.core.spec;

import dev.kiln.core.provision.Provisioner;
import dev.kiln.core.provision.ProvisionerOptions;
import java.util.Objects;

/**
 * A provisioner as a spec holds it: the provisioner and how the runner runs it.
 *
 * <pre>{@code
 * for (ConfiguredProvisioner p : spec.provisioners()) { System.out.println(p.provisioner().type()); }
 * }</pre>
 *
 * @param provisioner what to run
 * @param options pause, retries and timeout around it
 */
public record ConfiguredProvisioner(Provisioner provisioner, ProvisionerOptions options) {
    /** Neither part may be null. */
    public ConfiguredProvisioner {
        Objects.requireNonNull(provisioner, "provisioner");
        Objects.requireNonNull(options, "options");
    }
}
