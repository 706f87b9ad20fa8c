package dev.kiln.ansible.internal;

import dev.kiln.core.post.internal.GoJson;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The inventory Ansible runs with: one host, the build's machine, under its alias (Packer's
 * {@code host_alias}, {@code default}), in the given groups, plus the empty groups. Written as JSON, which
 * Ansible's YAML inventory plugin reads, so that no value needs INI quoting.
 *
 * <pre>{@code
 * String json = new Inventory("default", hostVars, List.of("web"), List.of("db")).json();
 * }</pre>
 *
 * @param hostAlias the host's name in the inventory and the playbook's {@code hosts:}
 * @param hostVars the host's variables ({@code ansible_host}, {@code ansible_port}...), in order
 * @param groups groups holding the host
 * @param emptyGroups groups holding no host
 */
public record Inventory(String hostAlias, Map<String, Object> hostVars, List<String> groups, List<String> emptyGroups) {

    /** The inventory file's text. */
    public String json() {
        Map<String, Object> children = new LinkedHashMap<>();
        groups.forEach(group -> children.put(group, Map.of("hosts", Map.of(hostAlias, Map.of()))));
        emptyGroups.forEach(group -> children.put(group, Map.of("hosts", Map.of())));
        Map<String, Object> all = new LinkedHashMap<>();
        all.put("hosts", Map.of(hostAlias, hostVars));
        all.put("children", children);
        return GoJson.print(Map.of("all", all)) + "\n";
    }
}
