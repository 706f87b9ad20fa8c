/**
 * Not API: the {@code kiln} subcommands, their Go-style flags, and the Packer-shaped messages they print.
 */
package dev.kiln.cli.internal.command;
