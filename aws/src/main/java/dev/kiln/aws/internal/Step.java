package dev.kiln.aws.internal;

/** One step of an amazon-ebs build; it registers its own undo as it begins. */
interface Step {
    /** The step's name as the build reports it, e.g. {@code run instance}. */
    String name();

    /** Does the step's work on the build's state. */
    void run(EbsState state) throws Exception;
}
