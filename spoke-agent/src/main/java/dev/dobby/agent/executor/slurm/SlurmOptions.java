package dev.dobby.agent.executor.slurm;

import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

/**
 * How a spoke with {@code --executor slurm} submits its attempts.
 *
 * @param partition  {@code --partition}, or null for the cluster's default
 * @param account    {@code --account}, or null
 * @param qos        {@code --qos}, or null
 * @param maxJobs    how many of this spoke's jobs may exist at once (queued or running): its slots
 * @param sbatchArgs further sbatch options, passed as they are, each one argument
 * @param gresName   the cluster's GRES name for GPUs ({@code gpu} nearly everywhere)
 * @param poll       how often job states are read from the scheduler
 */
public record SlurmOptions(String partition, String account, String qos, int maxJobs, List<String> sbatchArgs,
                           String gresName, Duration poll) {
    private static final Pattern WORD = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:+-]{0,127}");
    public static final Duration DEFAULT_POLL = Duration.ofSeconds(1);

    public SlurmOptions {
        sbatchArgs = List.copyOf(sbatchArgs);
        check("--partition", partition);
        check("--account", account);
        check("--qos", qos);
        if (gresName == null || !WORD.matcher(gresName).matches()) {
            throw new IllegalArgumentException("--gres-name must be a GRES name such as gpu");
        }
        if (maxJobs < 1 || maxJobs > 10_000) {
            throw new IllegalArgumentException("--max-jobs must be between 1 and 10000");
        }
        for (String arg : sbatchArgs) {
            if (!arg.startsWith("-")) {
                throw new IllegalArgumentException("--sbatch-arg takes one sbatch option such as --mem=4G, not '"
                        + arg + "'");
            }
        }
    }

    private static void check(String flag, String value) {
        if (value != null && !WORD.matcher(value).matches()) {
            throw new IllegalArgumentException(flag + " '" + value + "' is not a Slurm name");
        }
    }
}
