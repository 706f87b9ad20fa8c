/**
 * Not API: the docker builder's steps, its Engine API client over the daemon's Unix socket ({@code EngineSocket},
 * {@code Engine}), the exec stream and the tar format of the archive endpoints. May change in any release.
 */
package dev.kiln.docker.internal;
