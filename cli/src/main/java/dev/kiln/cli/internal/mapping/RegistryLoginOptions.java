package dev.kiln.cli.internal.mapping;

import dev.kiln.cli.internal.template.OptionReader;
import dev.kiln.core.Secret;
import dev.kiln.docker.RegistryLogin;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Packer's registry login options, shared by the docker builder and docker-push: {@code login}, {@code login_server},
 * {@code login_username} and {@code login_password} (a {@link Secret}).
 */
final class RegistryLoginOptions {
    private RegistryLoginOptions() {
    }

    /** The login the options ask for; empty unless {@code login} is true: Packer uses the credentials only then. */
    static Optional<RegistryLogin> read(OptionReader o) {
        AtomicBoolean login = new AtomicBoolean();
        AtomicReference<String> server = new AtomicReference<>("");
        AtomicReference<String> username = new AtomicReference<>("");
        AtomicReference<String> password = new AtomicReference<>("");
        o.bool("login", login::set);
        o.string("login_server", server::set);
        o.string("login_username", username::set);
        o.string("login_password", password::set);
        return login.get() ? Optional.of(RegistryLogin.of(server.get(), username.get(), Secret.of(password.get())))
                : Optional.empty();
    }
}
