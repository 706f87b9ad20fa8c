package dev.kiln.core.provision;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.core.fake.FakeCommunicator;
import dev.kiln.core.fake.RecordingContext;
import dev.kiln.core.spec.Problem;
import dev.kiln.core.spec.Sha256Fingerprinter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileProvisionerTest {
    private final RecordingContext context = new RecordingContext();
    private final FakeCommunicator communicator = new FakeCommunicator();

    @TempDir
    Path dir;

    private Path file() throws Exception {
        return Files.writeString(dir.resolve("motd.txt"), "hello\n");
    }

    private Path site() throws Exception {
        Path site = Files.createDirectories(dir.resolve("site"));
        Files.writeString(site.resolve("index.html"), "<h1>hi</h1>");
        return site;
    }

    private void upload(String source, String destination) throws Exception {
        Provisioners.file().source(source).destination(destination).build().provision(context, communicator);
    }

    @Test
    void aFileGoesToTheDestinationOrIntoItWhenItEndsInSlash() throws Exception {
        Path motd = file();
        upload(motd.toString(), "/etc/motd");
        upload(motd.toString(), "/etc/");

        assertThat(communicator.transfers).containsExactly("upload " + motd + " -> /etc/motd",
                "upload " + motd + " -> /etc/motd.txt");
        assertThat(context.said).containsExactly("Uploading " + motd + " => /etc/motd",
                "Uploading " + motd + " => /etc/motd.txt");
    }

    @Test
    void aDirectoryEndingInSlashSendsItsContentsOtherwiseItself() throws Exception {
        Path site = site();
        upload(site + "/", "/var/www");
        upload(site.toString(), "/var/www/");
        upload(site.toString(), "/var/www");

        assertThat(communicator.transfers).containsExactly("upload " + site + " -> /var/www",
                "upload " + site + " -> /var/www/site", "upload " + site + " -> /var/www/site");
    }

    @Test
    void downloadsGoToTheLocalPathOrIntoTheDirectory() throws Exception {
        Path logs = dir.resolve("logs");
        Provisioners.file().direction(TransferDirection.DOWNLOAD).sources("/var/log/syslog", "/var/log/nginx/")
                .destination(logs + "/").build().provision(context, communicator);
        Provisioners.file().direction(TransferDirection.DOWNLOAD).source("/etc/os-release")
                .destination(dir.resolve("os-release").toString()).build().provision(context, communicator);

        assertThat(communicator.transfers).containsExactly("download /var/log/syslog -> " + logs.resolve("syslog"),
                "download /var/log/nginx/ -> " + logs.resolve("nginx"),
                "download /etc/os-release -> " + dir.resolve("os-release"));
        assertThat(logs).isDirectory();
    }

    @Test
    void validationFindsMissingSourcesAndAmbiguousDestinations() throws Exception {
        FileProvisioner bad = Provisioners.file().sources(dir.resolve("missing").toString(), file().toString())
                .destination("/etc/motd").build();

        assertThat(bad.validate()).extracting(Problem::field).containsExactly("destination", "sources[0]");
        assertThat(Provisioners.file().build().validate()).extracting(Problem::field)
                .containsExactly("sources", "destination");
        assertThat(Provisioners.file().direction(TransferDirection.DOWNLOAD).source("/remote/only")
                .destination("here").build().validate()).isEmpty();
    }

    @Test
    void aDownloadsLocalDestinationIsNotPartOfTheFingerprint() {
        FileProvisioner.Builder logs = Provisioners.file().direction(TransferDirection.DOWNLOAD).source("/var/log/x");
        Sha256Fingerprinter here = new Sha256Fingerprinter();
        Sha256Fingerprinter there = new Sha256Fingerprinter();
        logs.destination("/home/me/logs/").build().fingerprint(here);
        logs.destination("/builds/42/logs/").build().fingerprint(there);

        assertThat(here.hex()).isEqualTo(there.hex());
    }
}
