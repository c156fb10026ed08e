package org.feynet.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code feynet serve}: derive, eval, sample and compare over local HTTP/JSON from one warm JVM. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Serve derive, eval, sample and compare as JSON over HTTP on 127.0.0.1 (docs/PYTHON.md),",
                "keeping the JVM warm; prints the address, then runs until stopped (POST /shutdown or Ctrl-C)."})
final class ServeCommand implements Callable<Integer> {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--port", paramLabel = "P", description = "port on 127.0.0.1, 0 for a free one (default: ${DEFAULT-VALUE})")
    int port = 8765;

    @Override
    public Integer call() throws Exception {
        if (port < 0 || port > 65535) {
            throw new UserError("--port must be between 0 and 65535 (got " + port + ")");
        }
        FeynetServer server;
        try {
            server = FeynetServer.start(port);
        } catch (java.io.IOException e) {
            throw new UserError("cannot listen on 127.0.0.1:" + port + ": " + e.getMessage()
                    + " (hint: --port 0 picks a free port)");
        }
        spec.commandLine().getOut().println("feynet serve: listening on http://127.0.0.1:" + server.port());
        spec.commandLine().getOut().flush();
        server.awaitStop();
        return 0;
    }
}
