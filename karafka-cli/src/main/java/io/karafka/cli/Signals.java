package io.karafka.cli;

import java.io.PrintStream;
import java.util.concurrent.atomic.AtomicBoolean;
import sun.misc.Signal;

/**
 * SIGTERM and SIGINT for {@code server} and {@code worker}: the first starts the graceful stop,
 * a second forces the exit (130 for SIGINT, 143 for SIGTERM). Uses the JDK's
 * {@code sun.misc.Signal} (module jdk.unsupported); where it is missing, a shutdown hook does the
 * graceful stop and a second signal is ignored by the JVM.
 */
final class Signals {
  private Signals() {}

  static void onStop(Runnable stop, PrintStream err) {
    AtomicBoolean stopping = new AtomicBoolean();
    try {
      for (String name : new String[] {"TERM", "INT"}) {
        int code = name.equals("INT") ? 130 : 143;
        Signal.handle(new Signal(name), signal -> {
          if (stopping.compareAndSet(false, true)) {
            err.println("karafka: stopping gracefully (SIG" + name + "); send it again to force");
            Thread stopper = new Thread(stop, "karafka-stop");
            stopper.start();
          } else {
            err.println("karafka: forced stop (SIG" + name + " again)");
            Runtime.getRuntime().halt(code);
          }
        });
      }
    } catch (IllegalArgumentException | UnsupportedOperationException | LinkageError e) {
      Runtime.getRuntime().addShutdownHook(new Thread(stop, "karafka-stop"));
    }
  }
}
