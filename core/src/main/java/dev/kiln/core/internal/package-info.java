/**
 * Not API: helpers that Kiln's own modules share (the testkit and the examples use them too). May change in any
 * release.
 */
package dev.kiln.core.internal;
