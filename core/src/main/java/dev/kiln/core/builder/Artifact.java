package dev.kiln.core.builder;

import java.util.List;

/**
 * What a build produced, as post-processors and callers see it.
 */
public interface Artifact {

    /** The type of builder that made it, e.g. {@code amazon-ebs}. */
    String builderType();

    /**
     * The artifact id in Packer's form. For machine images: {@code region:image} pairs sorted by region and
     * joined by commas, e.g. {@code us-east-1:ami-0abc,us-west-2:ami-0def}.
     */
    String id();

    /** Local files the artifact consists of; empty for cloud images. */
    List<String> files();

    /** A human summary, e.g. {@code AMIs were created:\nus-east-1: ami-0abc}. */
    String describe();
}
