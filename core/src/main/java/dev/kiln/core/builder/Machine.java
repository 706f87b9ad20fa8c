package dev.kiln.core.builder;

import dev.kiln.core.comm.Communicator;
import java.util.Objects;

/**
 * A launched machine and the connection to it. The builder that launched it closes the communicator in a
 * cleanup it registers.
 *
 * @param id the machine's id in its cloud, e.g. {@code i-0b738eeecacf78658}
 * @param host the address the communicator connected to
 * @param communicator the open connection used by provisioners
 */
public record Machine(String id, String host, Communicator communicator) {
    /** None of the three may be null. */
    public Machine {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(communicator, "communicator");
    }
}
