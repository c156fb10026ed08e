package org.feynet.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code feynet cache clear|dir}: the disk cache of derivations and compiled evaluators ({@link DiskCache}). */
@Command(name = "cache", mixinStandardHelpOptions = true,
        description = {"The cache of derivations and compiled evaluators that makes repeated commands fast.",
                "It lives in $FEYNET_CACHE_DIR, else $XDG_CACHE_HOME/feynet, else ~/.cache/feynet;"
                        + " --no-cache on a command bypasses it."},
        subcommands = {CacheCommand.Clear.class, CacheCommand.Dir.class})
final class CacheCommand implements Callable<Integer> {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                "missing subcommand: clear or dir (try feynet cache --help)");
    }

    /** Deletes every entry. */
    @Command(name = "clear", mixinStandardHelpOptions = true, description = "Delete every cached entry.")
    static final class Clear implements Callable<Integer> {
        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            try {
                int removed = DiskCache.user(false).clear();
                spec.commandLine().getOut().println("removed " + removed + " cached file" + (removed == 1 ? "" : "s")
                        + " from " + DiskCache.location());
                return 0;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot clear the cache in " + DiskCache.location() + ": "
                        + e.getMessage(), e);
            }
        }
    }

    /** Prints where the cache lives. */
    @Command(name = "dir", mixinStandardHelpOptions = true, description = "Print the cache directory.")
    static final class Dir implements Callable<Integer> {
        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            spec.commandLine().getOut().println(DiskCache.location());
            return 0;
        }
    }
}
