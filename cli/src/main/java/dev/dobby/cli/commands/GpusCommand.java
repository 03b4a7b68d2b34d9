package dev.dobby.cli.commands;

import dev.dobby.cli.ClientCommand;
import dev.dobby.cli.JsonOption;
import dev.dobby.cli.output.Table;
import dev.dobby.protocol.gpu.GpuProcess;
import dev.dobby.protocol.gpu.GpuState;
import dev.dobby.protocol.gpu.WorkerGpus;
import java.util.List;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "gpus", description = "Every worker's GPUs: utilisation, memory, temperature, power, and whose processes run on them.",
        footer = {"", "Workers sample their GPUs every 10 s; a worker that has not reported for 30 s is shown as stale.",
                "A process is shown as its task (#ID) or, outside Dobby, with its user and command.", "",
                "Examples:", "  dobby gpus", "  dobby gpus --watch", "  dobby gpus --json"})
public final class GpusCommand extends ClientCommand {
    @Mixin
    JsonOption json;

    @Option(names = "--watch", description = "Show it again every 10 s until Ctrl-C.")
    boolean watch;

    @Override
    protected int run() throws InterruptedException {
        if (json.json && watch) {
            throw new IllegalArgumentException("--json and --watch do not go together");
        }
        while (true) {
            List<WorkerGpus> workers = hub().gpus();
            if (json.json) {
                printJson(workers);
                return 0;
            }
            if (watch) {
                out().print("\033[H\033[2J");
            }
            print(workers);
            out().flush();
            if (!watch) {
                return 0;
            }
            Thread.sleep(10_000);
        }
    }

    private void print(List<WorkerGpus> workers) {
        if (workers.isEmpty()) {
            out().println("No worker has reported GPUs (nvidia-smi is looked for on each worker's PATH).");
            return;
        }
        Table table = new Table("WORKER", "GPU", "NAME", "UTIL", "MEMORY", "TEMP", "POWER", "TASKS", "PROCESSES");
        for (WorkerGpus worker : workers) {
            String name = worker.worker() + (worker.stale() ? " (stale)" : "");
            if (worker.gpus().isEmpty()) {
                table.row(name, "-", worker.error() == null ? "no GPUs" : worker.error(), "", "", "", "", "", "");
                continue;
            }
            for (GpuState gpu : worker.gpus()) {
                table.row(name, Integer.toString(gpu.index()), gpu.name(), gpu.utilizationPercent() + "%",
                        gpu.memoryUsedMib() + "/" + gpu.memoryTotalMib() + " MiB",
                        gpu.temperatureC() == null ? "-" : gpu.temperatureC() + "°C",
                        gpu.powerDrawW() == null ? "-" : Math.round(gpu.powerDrawW()) + "/"
                                + (gpu.powerLimitW() == null ? "?" : Math.round(gpu.powerLimitW())) + " W",
                        gpu.reservedFor().isEmpty() ? "-" : gpu.reservedFor().stream().map(id -> "#" + id)
                                .collect(Collectors.joining(" ")),
                        processes(gpu.processes()));
            }
            if (worker.error() != null) {
                table.row(name, "", "! " + worker.error(), "", "", "", "", "", "");
            }
        }
        table.print(out(), style());
    }

    static String processes(List<GpuProcess> processes) {
        if (processes.isEmpty()) {
            return "-";
        }
        return processes.stream().map(p -> p.taskId() != null
                        ? "#" + p.taskId() + " " + p.name() + " (" + p.usedMemoryMib() + " MiB)"
                        : "outside Dobby: " + (p.user() == null ? "?" : p.user()) + " "
                                + (p.command() == null ? p.name() : p.command()) + " (" + p.usedMemoryMib() + " MiB)")
                .collect(Collectors.joining("; "));
    }
}
