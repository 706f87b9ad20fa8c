package dev.kiln.core.post;

import dev.kiln.core.builder.Artifact;
import dev.kiln.core.builder.BuildContext;
import dev.kiln.core.spec.Problem;
import java.util.List;

/**
 * Records or passes on a source's artifact after it was built or reused, e.g. by appending it to
 * Packer's {@code manifest.json}. Called once per successful source; may be called from several threads
 * at once for the sources of one spec.
 */
public interface PostProcessor {

    /** The post-processor type, e.g. {@code manifest}. */
    String type();

    /** Every problem with this configuration, with no I/O beyond local checks. */
    List<Problem> validate();

    /** Processes one source's artifact. */
    void process(BuildContext context, Artifact artifact) throws Exception;
}
