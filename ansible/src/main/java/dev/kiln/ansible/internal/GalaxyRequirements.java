package dev.kiln.ansible.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What a galaxy requirements file asks for: roles (a top-level list, or a {@code roles:} key), collections (a
 * {@code collections:} key), or both; and the {@code ansible-galaxy} commands that install them, as Packer runs
 * them: {@code install -r FILE [--roles-path DIR]} and {@code collection install -r FILE [-p DIR]}.
 *
 * <pre>{@code
 * for (List<String> command : GalaxyRequirements.read(file).commands("ansible-galaxy", file, rolesPath, null)) { ... }
 * }</pre>
 *
 * @param roles true when the file lists roles
 * @param collections true when the file lists collections
 */
public record GalaxyRequirements(boolean roles, boolean collections) {

    /** Reads the file's top-level keys. */
    public static GalaxyRequirements read(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file);
        boolean collections = lines.stream().anyMatch(line -> line.startsWith("collections:"));
        boolean roles = lines.stream().anyMatch(line -> line.startsWith("roles:") || line.startsWith("- "));
        return new GalaxyRequirements(roles || !collections, collections);
    }

    /**
     * The commands to run, in order.
     *
     * @param rolesPath where roles go; null for ansible-galaxy's default
     * @param collectionsPath where collections go; null for ansible-galaxy's default
     */
    public List<List<String>> commands(String galaxyCommand, Path file, Path rolesPath, Path collectionsPath) {
        List<List<String>> commands = new ArrayList<>();
        if (roles) {
            List<String> install = new ArrayList<>(List.of(galaxyCommand, "install", "-r", file.toString()));
            if (rolesPath != null) {
                install.addAll(List.of("--roles-path", rolesPath.toString()));
            }
            commands.add(install);
        }
        if (collections) {
            List<String> install = new ArrayList<>(List.of(galaxyCommand, "collection", "install", "-r",
                    file.toString()));
            if (collectionsPath != null) {
                install.addAll(List.of("-p", collectionsPath.toString()));
            }
            commands.add(install);
        }
        return commands;
    }
}
