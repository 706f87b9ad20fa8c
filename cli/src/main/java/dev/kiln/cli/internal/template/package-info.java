/**
 * Not API: Packer 1.6's legacy JSON template as Kiln reads it: the document's sections, user variables, the
 * per-build view of provisioners and post-processors, and the checks Packer makes before any build.
 */
package dev.kiln.cli.internal.template;
