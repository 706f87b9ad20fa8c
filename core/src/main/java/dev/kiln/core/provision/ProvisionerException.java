package dev.kiln.core.provision;

import dev.kiln.core.KilnException;

/** A provisioner's work failed on the machine, e.g. a script exited with a status it did not allow. */
public class ProvisionerException extends KilnException {
    private static final long serialVersionUID = 1L;

    public ProvisionerException(String message) {
        super(message);
    }

    public ProvisionerException(String message, Throwable cause) {
        super(message, cause);
    }
}
