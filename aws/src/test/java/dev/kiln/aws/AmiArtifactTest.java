package dev.kiln.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class AmiArtifactTest {

    @Test
    void idIsPackersSortedRegionPairs() {
        AmiArtifact artifact = AmiArtifact.builder()
                .putAmi("us-west-2", "ami-0def", List.of("snap-2"))
                .putAmi("us-east-1", "ami-0abc", List.of("snap-1", "snap-1b"))
                .build();

        assertThat(artifact.id()).isEqualTo("us-east-1:ami-0abc,us-west-2:ami-0def");
        assertThat(artifact.describe()).isEqualTo("AMIs were created:\nus-east-1: ami-0abc\nus-west-2: ami-0def\n");
        assertThat(artifact.builderType()).isEqualTo("amazon-ebs");
        assertThat(artifact.files()).isEmpty();
        assertThat(artifact.snapshots()).containsEntry("us-east-1", List.of("snap-1", "snap-1b"));
    }
}
