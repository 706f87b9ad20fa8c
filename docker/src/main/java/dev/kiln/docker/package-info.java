/**
 * The docker builder: {@link dev.kiln.docker.Docker} runs a container, provisions it through
 * {@link dev.kiln.docker.DockerCommunicator}, and commits, exports or discards it; {@link dev.kiln.docker.DockerTag},
 * {@link dev.kiln.docker.DockerPush} and {@link dev.kiln.docker.DockerSave} are Packer's docker post-processors;
 * {@link dev.kiln.docker.DockerJanitor} removes what killed builds left.
 *
 * <p><b>Why the Engine API over the Unix socket, with no Docker client library.</b> Kiln needs about fifteen
 * endpoints (create, start, remove, exec, archive, commit, tag, push, pull, save, export, list, inspect), all plain
 * HTTP/1.1 with JSON, plus the exec stream's 8-byte frame headers. Java 17 connects to a Unix socket itself
 * ({@code UnixDomainSocketAddress}), and a {@code SocketChannel} ends a blocking read at once when its thread is
 * interrupted, which is how a cancel cuts a call off in flight. docker-java, the maintained Java client, would
 * bring a transport of its own (Apache HttpClient 5, or its zerodep copy) and its other dependencies (Guava,
 * commons-compress, commons-io, Bouncy Castle) to every user of this module, for the same fifteen calls. So the
 * module depends on kiln-core (and the Jackson it brings) only, and no Docker type appears in its API. Nor does it
 * run the {@code docker} command: what a build does never depends on which client binary is on the PATH.
 *
 * <pre>{@code
 * ImageSpec app = ImageSpec.builder("app")
 *     .source(Docker.builder().image("debian:bookworm").commit(true).changes("CMD [\"/opt/app/bin/app\"]"))
 *     .provision(Provisioners.shell().inline("mkdir -p /opt/app/bin"))
 *     .postProcess(DockerPostProcessors.tag("registry.example.com/app").tags("1.0"))
 *     .build();
 * }</pre>
 */
package dev.kiln.docker;
