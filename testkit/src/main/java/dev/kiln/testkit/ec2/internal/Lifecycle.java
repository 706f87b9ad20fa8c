package dev.kiln.testkit.ec2.internal;

import dev.kiln.core.internal.FileTrees;
import dev.kiln.testkit.ec2.Latencies;
import dev.kiln.testkit.ec2.internal.state.Image;
import dev.kiln.testkit.ec2.internal.state.Instance;
import dev.kiln.testkit.ec2.internal.state.InstanceState;
import dev.kiln.testkit.ec2.internal.state.RegionState;
import dev.kiln.testkit.ec2.internal.state.Snapshot;
import dev.kiln.testkit.ec2.internal.state.Volume;
import dev.kiln.testkit.machine.LocalMachine;
import dev.kiln.testkit.machine.MachineHost;
import dev.kiln.testkit.machine.MachineRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves instances and images through their states after the configured latencies, on a scheduler, and
 * drives the local machine behind each instance (boot, stop, start, capture, destroy). State changes hold the lock
 * of the instance's or image's region ({@code synchronized (region)}); machine calls run outside it.
 */
public final class Lifecycle implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Lifecycle.class);

    private final MachineHost host;
    private final Latencies latencies;
    private final LoopbackPool addresses;
    private final int sshPort;
    private final ImageStore store;
    private final Path machinesDir;
    private final FaultPlan faults;
    private final OsBootTimes osBootTimes;
    private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2, runnable -> {
        Thread thread = new Thread(runnable, "local-ec2-lifecycle");
        thread.setDaemon(true);
        return thread;
    });

    /** A lifecycle whose instances are machines of {@code host}, or API-only instances when it is null. */
    public Lifecycle(MachineHost host, Latencies latencies, int sshPort, ImageStore store, Path machinesDir,
                     FaultPlan faults) {
        this.host = host;
        this.latencies = latencies;
        this.sshPort = sshPort;
        this.addresses = new LoopbackPool(host == null ? 0 : sshPort);
        this.store = store;
        this.machinesDir = machinesDir;
        this.faults = faults;
        this.osBootTimes = new OsBootTimes(latencies, faults.seed());
    }

    public int sshPort() {
        return sshPort;
    }

    public String allocateAddress() {
        return addresses.allocate();
    }

    /** Runs {@code task} after {@code delay}, without holding up a request thread. */
    public void after(Duration delay, Runnable task) {
        scheduler.schedule(() -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                log.error("LocalEc2 state change failed", e);
            }
        }, delay.toNanos(), TimeUnit.NANOSECONDS);
    }

    /**
     * Runs {@code work} on the scheduler at once, then the state change it returns once {@code latency}, counted
     * from now, is over (at once if the work took longer).
     */
    private void atOnceThenAfter(Duration latency, Supplier<Runnable> work) {
        long due = System.nanoTime() + latency.toNanos();
        after(Duration.ZERO, () -> {
            Runnable stateChange = work.get();
            // the time left is taken after the work, which can take a while (copying an image's files)
            after(Duration.ofNanos(Math.max(0, due - System.nanoTime())), stateChange);
        });
    }

    /** RunInstances: the instance is pending; boot its machine, then it runs; its OS boot time is drawn now. */
    public void launch(RegionState region, Instance instance, Image image) {
        instance.reachable = !faults.takeUnreachable();
        instance.failsToBoot = faults.takeBootFailure();
        instance.osBootTime = osBootTimes.next();
        Path imageRoot = image.root;
        int generation = instance.generation;
        after(latencies.instanceLaunch(), () -> boot(region, instance, imageRoot, generation));
    }

    private void boot(RegionState region, Instance instance, Path imageRoot, int generation) {
        MachineRequest request;
        synchronized (region) {
            if (instance.generation != generation) {
                return;
            }
            if (instance.failsToBoot) {
                failBoot(region, instance, "instance set to fail to boot by Faults");
                return;
            }
            if (host == null) {
                instance.consoleOutput = List.of("Cloud-init v. 19.3 finished. LocalEc2 instance " + instance.id
                        + " has no machine.");
                instance.moveTo(InstanceState.RUNNING);
                return;
            }
            request = new MachineRequest(instance.id, instance.address, sshPort, instance.sshUser,
                    instance.authorizedKeys, imageRoot, machinesDir.resolve(instance.id),
                    () -> sshAllowed(region, instance), instance.reachable, () -> instance.osBootTime);
            instance.booting = true;
        }
        LocalMachine machine = null;
        String failure = null;
        try {
            Files.createDirectories(request.machineDir());
            machine = host.boot(request);
        } catch (IOException | RuntimeException e) {
            log.warn("LocalEc2 could not boot the machine of {}", instance.id, e);
            failure = "machine did not boot: " + e.getMessage();
        }
        boolean current;
        synchronized (region) {
            instance.booting = false;
            current = instance.generation == generation;
            if (current && failure != null) {
                failBoot(region, instance, failure);
            } else if (current) {
                instance.machine = machine;
                instance.moveTo(InstanceState.RUNNING);
            }
        }
        if (!current && machine != null) {
            machine.destroy();
        }
        if (!current) {
            releaseIfTerminated(region, instance);
        }
    }

    private void failBoot(RegionState region, Instance instance, String why) {
        log.info("LocalEc2 instance {} fails to boot: {}", instance.id, why);
        instance.stateReasonCode = "Server.InternalError";
        instance.stateReasonMessage = "Server.InternalError: Internal error on launch";
        instance.stateTransitionReason = "Server.InternalError";
        instance.consoleOutput = List.of("LocalEc2: the machine of " + instance.id + " failed to boot: " + why);
        instance.moveTo(InstanceState.SHUTTING_DOWN);
        instance.shutdownTime = Instant.now();
        terminate(region, instance);
    }

    private boolean sshAllowed(RegionState region, Instance instance) {
        synchronized (region) {
            return instance.groupIds.stream().map(region.securityGroups::get).filter(Objects::nonNull)
                    .anyMatch(group -> group.allowsTcp(sshPort));
        }
    }

    /** StopInstances: the instance is stopping; its machine stops at once, and it is stopped after the latency. */
    public void stop(RegionState region, Instance instance) {
        int generation = instance.generation;
        atOnceThenAfter(latencies.instanceStop(), () -> {
            LocalMachine machine = machineIfCurrent(region, instance, generation);
            if (machine != null) {
                machine.stop();
            }
            return () -> {
                synchronized (region) {
                    if (instance.generation == generation) {
                        instance.moveTo(InstanceState.STOPPED);
                    }
                }
            };
        });
    }

    /** StartInstances: the instance is pending again; start its machine, then it runs, its OS booting anew. */
    public void start(RegionState region, Instance instance) {
        int generation = instance.generation;
        instance.osBootTime = osBootTimes.next();
        after(latencies.instanceStart(), () -> {
            LocalMachine machine = machineIfCurrent(region, instance, generation);
            String failure = null;
            if (machine != null) {
                try {
                    machine.start();
                } catch (IOException | RuntimeException e) {
                    log.warn("LocalEc2 could not start the machine of {}", instance.id, e);
                    failure = "machine did not start: " + e.getMessage();
                }
            }
            synchronized (region) {
                if (instance.generation == generation && failure != null) {
                    failBoot(region, instance, failure);
                } else if (instance.generation == generation) {
                    instance.moveTo(InstanceState.RUNNING);
                }
            }
        });
    }

    /**
     * TerminateInstances: the instance is shutting down; its machine is destroyed at once, and it is terminated
     * after the latency.
     */
    public void terminate(RegionState region, Instance instance) {
        int generation = instance.generation;
        atOnceThenAfter(latencies.instanceTerminate(), () -> {
            LocalMachine machine;
            synchronized (region) {
                if (instance.generation != generation) {
                    return () -> { };
                }
                machine = instance.machine;
                instance.machine = null;
            }
            if (machine != null) {
                List<String> lastConsole = List.copyOf(machine.consoleOutput());
                machine.destroy();
                synchronized (region) {
                    instance.consoleOutput = lastConsole;
                }
            }
            return () -> finishTermination(region, instance);
        });
    }

    private void finishTermination(RegionState region, Instance instance) {
        synchronized (region) {
            instance.moveTo(InstanceState.TERMINATED);
            for (Instance.Attachment device : instance.blockDevices) {
                Volume volume = region.volumes.get(device.volumeId());
                if (volume == null) {
                    continue;
                }
                if (device.deleteOnTermination()) {
                    region.volumes.remove(volume.id);
                } else {
                    volume.state = "available";
                    volume.instanceId = null;
                    volume.device = null;
                    volume.attachTime = null;
                }
            }
        }
        releaseIfTerminated(region, instance);
    }

    private void releaseIfTerminated(RegionState region, Instance instance) {
        synchronized (region) {
            if (instance.state != InstanceState.TERMINATED || instance.booting || instance.address == null) {
                return;
            }
            addresses.release(instance.address);
            instance.address = null;
        }
    }

    private LocalMachine machineIfCurrent(RegionState region, Instance instance, int generation) {
        synchronized (region) {
            return instance.generation == generation ? instance.machine : null;
        }
    }

    /**
     * CreateImage: the instance's files are captured at once, a point-in-time copy as EBS snapshots are, and the
     * image is available (or failed) after the latency.
     */
    public void capture(RegionState region, Image image, Snapshot snapshot, Instance instance, Path sourceRoot) {
        boolean fail = faults.takeImageFailure();
        atOnceThenAfter(latencies.imageCreate(), () -> {
            LocalMachine machine;
            synchronized (region) {
                machine = instance.machine;
            }
            Path root = store.rootOf(region.name, image.id);
            String failure = fail ? "image set to fail by Faults" : null;
            try {
                if (failure == null && machine != null) {
                    Files.createDirectories(root.getParent());
                    machine.captureTo(root);
                } else if (failure == null && sourceRoot != null) {
                    Files.createDirectories(root.getParent());
                    FileTrees.copyTree(sourceRoot, root);
                } else {
                    root = sourceRoot;
                }
            } catch (IOException | RuntimeException e) {
                log.warn("LocalEc2 could not capture {} into {}", instance.id, image.id, e);
                failure = "capture failed: " + e.getMessage();
            }
            Path captured = root;
            String why = failure;
            return () -> finish(region, image, snapshot, captured, why);
        });
    }

    /** CopyImage: the source image's files are copied at once, and the copy is available (or failed) after the latency. */
    public void copy(RegionState region, Image image, Snapshot snapshot, Path sourceRoot) {
        boolean fail = faults.takeCopyFailure();
        atOnceThenAfter(latencies.imageCopy(), () -> {
            Path root = null;
            String failure = fail ? "copy set to fail by Faults" : null;
            if (failure == null && sourceRoot != null) {
                root = store.rootOf(region.name, image.id);
                try {
                    Files.createDirectories(root.getParent());
                    FileTrees.copyTree(sourceRoot, root);
                } catch (IOException | RuntimeException e) {
                    log.warn("LocalEc2 could not copy {} to {}", sourceRoot, image.id, e);
                    failure = "copy failed: " + e.getMessage();
                }
            }
            Path copied = root;
            String why = failure;
            return () -> finish(region, image, snapshot, copied, why);
        });
    }

    private void finish(RegionState region, Image image, Snapshot snapshot, Path root, String failure) {
        synchronized (region) {
            if (region.images.get(image.id) != image) {
                return; // deregistered while pending
            }
            image.root = root;
            if (failure != null) {
                image.state = "failed";
                image.stateReasonCode = "Server.InternalError";
                image.stateReasonMessage = "Server.InternalError: " + failure;
                snapshot.state = "error";
            } else {
                image.state = "available";
                snapshot.state = "completed";
                store.save(region.name, image);
            }
        }
    }

    /** Stops the scheduler and destroys every machine still there, in every region. */
    public void destroyAll(List<RegionState> regions) {
        scheduler.shutdownNow();
        List<LocalMachine> machines = new ArrayList<>();
        for (RegionState region : regions) {
            synchronized (region) {
                for (Instance instance : region.instances.values()) {
                    if (instance.machine != null) {
                        machines.add(instance.machine);
                        instance.machine = null;
                    }
                }
            }
        }
        for (LocalMachine machine : machines) {
            try {
                machine.destroy();
            } catch (RuntimeException e) {
                log.warn("LocalEc2 could not destroy a machine at close", e);
            }
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
