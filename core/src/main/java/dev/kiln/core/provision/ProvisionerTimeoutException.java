package dev.kiln.core.provision;

import java.time.Duration;
import java.util.function.UnaryOperator;

/**
 * A provisioner ran longer than the timeout of its {@link ProvisionerOptions} and was interrupted.
 *
 * <pre>{@code
 * catch (ProvisionerTimeoutException e) { log.warn("{} took over {}", e.provisionerType(), e.timeout()); }
 * }</pre>
 */
public class ProvisionerTimeoutException extends ProvisionerException {
    private static final long serialVersionUID = 1L;
    private final String provisionerType;
    private final Duration timeout;

    /** The provisioner of this type (e.g. {@code shell}) ran past {@code timeout}; the message names both. */
    public ProvisionerTimeoutException(String provisionerType, Duration timeout) {
        this("The " + provisionerType + " provisioner did not finish within its timeout of " + timeout
                + " and was interrupted", null, provisionerType, timeout);
    }

    private ProvisionerTimeoutException(String message, Throwable cause, String provisionerType, Duration timeout) {
        super(message, cause);
        this.provisionerType = provisionerType;
        this.timeout = timeout;
    }

    /** The type of the provisioner that timed out. */
    public String provisionerType() {
        return provisionerType;
    }

    /** The timeout it exceeded. */
    public Duration timeout() {
        return timeout;
    }

    @Override
    protected ProvisionerTimeoutException copyMasked(UnaryOperator<String> mask, Throwable cause) {
        return new ProvisionerTimeoutException(mask.apply(getMessage()), cause, mask.apply(provisionerType), timeout);
    }
}
