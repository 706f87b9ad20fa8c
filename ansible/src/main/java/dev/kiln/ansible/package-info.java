/**
 * The Ansible provisioner: runs {@code ansible-playbook} on the machine Kiln runs on, against the build's
 * machine, with the options of Packer's {@code ansible} provisioner.
 *
 * <pre>{@code
 * ImageSpec web = ImageSpec.builder("web")
 *     .source(AmazonEbs.builder().region("us-east-1").sourceAmi("ami-0abc").sshUsername("ec2-user").amiName("web"))
 *     .provision(Ansible.playbook(Path.of("ansible/site.yml")).groups("web").extraArguments("-e", "tier=prod"))
 *     .build();
 * }</pre>
 *
 * <p>It lives in a module of its own, {@code kiln-ansible} (core &lt;- ssh &lt;- ansible), because it needs the
 * SSH module's view of the connection; kiln-core cannot refer to it, so its entry point is
 * {@link dev.kiln.ansible.Ansible#playbook(java.nio.file.Path)} (or {@link AnsibleProvisioner#builder()}), not
 * {@code Provisioners.ansible()}.
 *
 * <h2>How Ansible reaches the machine, and why</h2>
 * <p>Ansible runs on the local machine with OpenSSH as its transport, straight to the build's machine (through
 * its bastion when there is one), with the same address, user and key as Kiln's own {@code SshCommunicator}.
 * Packer instead runs a local SSH server that relays Ansible's sessions through its communicator; Kiln connects
 * directly because then Ansible's file transfers, become, pipelining and {@code ssh_args} all behave as the
 * Ansible documentation says, and no SSH server has to be written and secured in the JVM. The rules it keeps:
 * <ul>
 *   <li><b>No private key on disk.</b> Kiln starts its own {@code ssh-agent -D -a SOCKET} in a private
 *       directory (mode 0700) and gives it the build's key (and the bastion's) on the standard input of
 *       {@code ssh-add -}; Ansible's ssh gets {@code SSH_AUTH_SOCK} and {@code IdentityAgent} for that socket.
 *       The key exists only in the JVM and in the agent's memory. An encrypted key, or a password login, is
 *       refused by the check before the run, with the reason.</li>
 *   <li><b>The bastion.</b> The machine's ssh goes through a {@code ProxyCommand} running {@code ssh -W %h:%p}
 *       to the bastion, with the same agent and host key rules (written out in full because OpenSSH does not
 *       pass {@code -o} options on to a {@code ProxyJump} hop).</li>
 *   <li><b>The host key policy.</b> Kiln writes a known_hosts file holding exactly the host keys its own
 *       connection verified under the build's {@code HostKeyPolicy}
 *       ({@link dev.kiln.ssh.SshCommunicator#knownHostsLines()}: public keys only), and has OpenSSH use it with
 *       {@code StrictHostKeyChecking=yes}, {@code GlobalKnownHostsFile=/dev/null} and
 *       {@code UpdateHostKeys=no}: a machine presenting another key is refused. Only a hop whose policy is
 *       {@code HostKeyPolicy.acceptAny()} is reached with {@code StrictHostKeyChecking=no}, as Kiln itself
 *       reaches it. The connection type is fixed to {@code ssh} in the inventory, so that a paramiko transport
 *       cannot bypass these settings, and {@code ControlMaster=no} keeps every ssh process a child of
 *       {@code ansible-playbook} (set {@code ANSIBLE_SSH_ARGS} in {@code ansibleEnvVars} to change it); pipelining
 *       is on instead, so that a task takes one SSH session. {@code GSSAPIAuthentication=no}: Kiln logs in with
 *       keys, and GSSAPI (on in Debian's {@code ssh_config}) would look hosts up in DNS.</li>
 *   <li><b>Cleanup.</b> The agent, its socket directory, the known_hosts file and the inventory (unless
 *       {@code keepInventoryFile}) are removed when the step ends, also when it fails or is cancelled: a cancel
 *       (an interrupt of the build's thread) kills {@code ansible-playbook} and all its child processes and
 *       waits for them.</li>
 * </ul>
 * <p>A communicator that is not SSH (a Docker one, for example) is refused with an error naming the limitation;
 * the way to support it later is a local SSH adapter in the style of Packer's, relaying to that communicator.
 *
 * <h2>Before any cloud call</h2>
 * <p>{@link dev.kiln.ansible.AnsibleProvisioner#validate()}, which Kiln runs with the rest of the spec before
 * any builder starts, checks every option and runs {@code ansible-playbook --version} (and
 * {@code ansible-galaxy --version} when a galaxy file is set); when it cannot run, the problem says what to
 * install (Debian and Ubuntu: {@code apt-get install ansible-core}).
 */
package dev.kiln.ansible;
