package dev.dobby.cli.commands;

import dev.dobby.hub.store.postgres.PostgresUrl;
import dev.dobby.hub.store.postgres.SqliteToPostgres;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "migrate",
        description = "Copy a hub's whole history from its SQLite file into an empty PostgreSQL database.",
        footer = {"",
                "Stop the hub first. Every table is copied in one transaction and the row counts of both sides are",
                "compared; a database that already holds data is refused. The password comes from",
                "DOBBY_DB_PASSWORD_FILE or DOBBY_DB_PASSWORD (see docs/team-hub.md).",
                "",
                "Example:",
                "  dobby migrate --from sqlite:~/.dobby/dobby.db --to postgresql://db.example/dobby"})
public final class MigrateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--from", required = true, paramLabel = "sqlite:PATH", description = "The hub's SQLite file.")
    String from;

    @Option(names = "--to", required = true, paramLabel = "postgresql://HOST/DB", description = "The empty database.")
    String to;

    @Override
    public Integer call() {
        String path = from.startsWith("sqlite:") ? from.substring("sqlite:".length()) : from;
        Path source = Path.of(path.replaceFirst("^~(?=/|$)", System.getProperty("user.home")));
        PostgresUrl target;
        try {
            target = PostgresUrl.parse(to, System.getenv());
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--to: " + e.getMessage());
        }
        Map<String, Long> copied;
        try {
            copied = SqliteToPostgres.copy(source, target);
        } catch (IllegalArgumentException | IllegalStateException e) {
            System.err.println("dobby migrate: " + e.getMessage());
            return 1;
        }
        copied.forEach((table, rows) -> System.out.printf("%-20s %d rows%n", table, rows));
        System.out.println("Copied into " + target + "; the counts match. Set db_url to it and start the hub.");
        return 0;
    }
}
