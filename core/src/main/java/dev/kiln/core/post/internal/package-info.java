/** Kiln's own implementation details: not API, may change in any release. */
package dev.kiln.core.post.internal;
