package dev.kiln.docker;

import dev.kiln.core.Secret;
import java.util.Objects;

/**
 * Credentials for a Docker registry, handed to the daemon with a pull or push (the Engine API's
 * {@code X-Registry-Auth}), never written to a config file. The password is a {@link Secret}: the build masks it
 * in every output line, event and exception.
 *
 * <pre>{@code
 * RegistryLogin login = RegistryLogin.of("registry.example.com", "ci", Secret.of(System.getenv("REGISTRY_PASSWORD")));
 * }</pre>
 *
 * @param server the registry's address, e.g. {@code registry.example.com} or {@code 127.0.0.1:5000}
 * @param username the user name
 * @param password the password or token
 */
public record RegistryLogin(String server, String username, Secret password) {
    /** Checks that no part is null. */
    public RegistryLogin {
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
    }

    /** Credentials for {@code server}. */
    public static RegistryLogin of(String server, String username, Secret password) {
        return new RegistryLogin(server, username, password);
    }

    @Override
    public String toString() {
        return "RegistryLogin{server=" + server + ", username=" + username + ", password=" + password + "}";
    }
}
