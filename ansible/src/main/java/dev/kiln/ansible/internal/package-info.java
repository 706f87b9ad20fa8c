/** The Ansible provisioner's implementation details: not API, may change in any release. */
package dev.kiln.ansible.internal;
