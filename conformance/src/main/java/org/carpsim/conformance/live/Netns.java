package org.carpsim.conformance.live;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * Runs code inside a named network namespace ({@code ip netns add NAME}) without a new process:
 * a fresh thread joins the namespace with setns(2) and runs the task there. Sockets it opens — a
 * pcap handle included — stay in that namespace for life, whichever thread uses them later.
 */
public final class Netns {

  private static final int CLONE_NEWNET = 0x40000000;
  private static final int O_RDONLY = 0;
  private static final int O_CLOEXEC = 0x80000;

  private Netns() {}

  private interface LibC extends Library {
    int open(String path, int flags) throws LastErrorException;

    int setns(int fd, int nstype) throws LastErrorException;

    int close(int fd) throws LastErrorException;
  }

  private static final class Holder {
    static final LibC LIBC = Native.load("c", LibC.class);
  }

  /**
   * Calls {@code task} on a new thread inside namespace {@code name} and returns its result.
   *
   * @throws LiveIoException if the namespace does not exist or cannot be joined, or the task
   *     throws a {@link LiveIoException} (rethrown as is)
   */
  public static <T> T call(String name, Callable<T> task) {
    Path path = Path.of("/var/run/netns", name);
    if (!Files.exists(path)) {
      throw new LiveIoException("no network namespace '" + name + "' (" + path + " is missing)");
    }
    FutureTask<T> f = new FutureTask<>(() -> {
      int fd = Holder.LIBC.open(path.toString(), O_RDONLY | O_CLOEXEC);
      try {
        Holder.LIBC.setns(fd, CLONE_NEWNET);
      } finally {
        Holder.LIBC.close(fd);
      }
      return task.call();
    });
    Thread t = new Thread(f, "netns-" + name);
    t.setDaemon(true);
    t.start();
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LiveIoException("interrupted while working in namespace " + name);
    } catch (ExecutionException e) {
      Throwable c = e.getCause();
      if (c instanceof LiveIoException l) {
        throw l;
      }
      if (c instanceof LastErrorException l) {
        throw new LiveIoException("cannot join network namespace " + name + ": errno " + l.getErrorCode()
            + " (joining needs root or CAP_SYS_ADMIN)");
      }
      throw new LiveIoException("failed in network namespace " + name + ": " + c, c);
    }
  }
}
