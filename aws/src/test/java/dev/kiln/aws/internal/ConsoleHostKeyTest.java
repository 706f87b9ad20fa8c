package dev.kiln.aws.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ConsoleHostKeyTest {

    @Test
    void prefersTheEd25519FingerprintBetweenTheMarkers() {
        String console = String.join("\n",
                "ci-info: no authorized SSH keys fingerprints found for user ec2-user.",
                "-----BEGIN SSH HOST KEY FINGERPRINTS-----",
                "2048 SHA256:rsaRSArsaRSArsaRSArsaRSArsaRSArsaRSArsaRSAr root@ip-172 (RSA)",
                "256 SHA256:edEDedEDedEDedEDedEDedEDedEDedEDedEDedEDedE root@ip-172 (ED25519)",
                "-----END SSH HOST KEY FINGERPRINTS-----");

        assertThat(ConsoleHostKey.parse(console)).contains("SHA256:edEDedEDedEDedEDedEDedEDedEDedEDedEDedEDedE");
    }

    @Test
    void takesTheFirstKeyWithoutEd25519AndNothingWithoutMarkers() {
        assertThat(ConsoleHostKey.parse("-----BEGIN SSH HOST KEY FINGERPRINTS-----\n"
                + "256 SHA256:ecdsaECDSAecdsaECDSAecdsaECDSAecdsaECDSAecd root@h (ECDSA)\n"
                + "-----END SSH HOST KEY FINGERPRINTS-----\n")).contains("SHA256:ecdsaECDSAecdsaECDSAecdsaECDSAecdsaECDSAecd");
        assertThat(ConsoleHostKey.parse("booting...\n256 SHA256:abc root@h (ED25519)\n")).isEmpty();
    }
}
