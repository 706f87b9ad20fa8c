/**
 * Not API: the subset of Go's text/template that Packer's legacy JSON templates use ({@code {{user `x`}}},
 * pipes, Packer's functions) and Go's reference-time layouts for {@code isotime}.
 */
package dev.kiln.cli.internal.interpolate;
