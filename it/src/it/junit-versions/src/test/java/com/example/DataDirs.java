package com.example;

import dev.kiln.testkit.ec2.LocalEc2;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Writes down the data directory of each LocalEc2 a test got, for verify.groovy to check it is gone later. */
final class DataDirs {
    private DataDirs() {
    }

    static void record(LocalEc2 ec2) {
        Path record = Path.of(System.getProperty("localEc2.dataDirs"));
        try {
            Files.createDirectories(record.getParent());
            Files.writeString(record, ec2.dataDir().toAbsolutePath() + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
