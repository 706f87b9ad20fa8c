/**
 * Not API: maps a Packer template's builders, provisioners and post-processors, option by option, onto Kiln's
 * {@code AmazonEbs}, {@code Provisioners} and {@code PostProcessors}; an option Kiln lacks is a problem naming it.
 */
package dev.kiln.cli.internal.mapping;
