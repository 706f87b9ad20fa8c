// Runs after both builds, once their test JVMs have ended: every LocalEc2 the JUnit extension started was closed,
// so its temporary data directory is gone. A LocalEc2 left open keeps its directory (nothing else deletes it).
['5.11.4', '5.14.4'].each { version ->
    File record = new File(basedir, "target/junit-${version}/local-ec2-data-dirs.txt")
    assert record.isFile() : "the JUnit ${version} build recorded no LocalEc2 data directory"
    List<String> dirs = record.readLines().findAll { !it.isEmpty() }
    assert dirs.size() == 2 : "JUnit ${version}: expected a class's and a method's LocalEc2, got ${dirs}"
    dirs.each { dir ->
        assert !new File(dir).exists() : "JUnit ${version} did not close the LocalEc2 whose data directory ${dir} is left"
    }
}
true
