package dev.kiln.ansible;

import java.nio.file.Path;

/**
 * Starts an Ansible provisioner, the module's counterpart of {@code Provisioners.shell()}: kiln-core cannot
 * refer to this module, so it is not {@code Provisioners.ansible()}.
 *
 * <pre>{@code
 * spec.provision(Ansible.playbook(Path.of("site.yml")).groups("web").user("ubuntu"));
 * }</pre>
 */
public final class Ansible {
    private Ansible() {
    }

    /** An Ansible provisioner running {@code playbookFile}; the other options keep Packer's defaults. */
    public static AnsibleProvisioner.Builder playbook(Path playbookFile) {
        return AnsibleProvisioner.builder().playbookFile(playbookFile);
    }
}
