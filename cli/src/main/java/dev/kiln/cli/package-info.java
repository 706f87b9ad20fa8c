/**
 * The {@code kiln} command ({@link dev.kiln.cli.Main}), which runs Packer 1.6 JSON templates with Kiln, and
 * {@link dev.kiln.cli.PackerTemplate}, which turns such a template into {@code ImageSpec}s from Java.
 */
package dev.kiln.cli;
