package dev.kiln.cli.internal.mapping;

import dev.kiln.core.spec.ImageSpec;

/**
 * One build of a template, as Kiln will run it.
 *
 * @param name the build's name (the builder's {@code name}, or its type)
 * @param type the builder's type
 * @param spec the image spec: the build's source, the provisioners and post-processors that apply to it
 * @param postProcessorChains how many of the template's post-processor chains run on the build's artifact
 */
public record PlannedBuild(String name, String type, ImageSpec spec, int postProcessorChains) {
}
