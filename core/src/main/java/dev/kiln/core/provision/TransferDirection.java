package dev.kiln.core.provision;

/**
 * Which way the file provisioner moves files.
 *
 * <pre>{@code
 * Provisioners.file().direction(TransferDirection.DOWNLOAD).source("/var/log/cloud-init.log").destination("logs/")
 * }</pre>
 */
public enum TransferDirection {
    /** From the local machine to the machine being built (the default). */
    UPLOAD,
    /** From the machine being built to the local machine. */
    DOWNLOAD
}
