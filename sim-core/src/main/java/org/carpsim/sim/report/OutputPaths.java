package org.carpsim.sim.report;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where results go, checked before any work starts (a run of an hour must not end in "cannot
 * write"), and file-system errors in words instead of Java class names.
 */
public final class OutputPaths {

  private OutputPaths() {}

  /** Why {@code file} cannot be written as a file (created or replaced), or empty when it can. */
  public static Optional<String> fileProblem(Path file) {
    Path absolute = file.toAbsolutePath();
    if (Files.isDirectory(absolute)) {
      return Optional.of("is a directory, not a file");
    }
    Path parent = absolute.getParent();
    if (parent == null || !Files.isDirectory(parent)) {
      return Optional.of("no such directory: " + (parent == null ? absolute : parent));
    }
    if (Files.exists(absolute) ? !Files.isWritable(absolute) : !Files.isWritable(parent)) {
      return Optional.of("permission denied");
    }
    return Optional.empty();
  }

  /** Why {@code dir} cannot hold written files (it is created, with its parents, if missing), or empty. */
  public static Optional<String> directoryProblem(Path dir) {
    Path existing = dir.toAbsolutePath();
    while (existing != null && !Files.exists(existing)) {
      existing = existing.getParent();
    }
    if (existing == null) {
      return Optional.of("no such directory");
    }
    if (!Files.isDirectory(existing)) {
      return Optional.of(existing.equals(dir.toAbsolutePath()) ? "is a file, not a directory"
          : existing + " is a file, not a directory");
    }
    if (!Files.isWritable(existing)) {
      return Optional.of("permission denied" + (existing.equals(dir.toAbsolutePath()) ? "" : " in " + existing));
    }
    return Optional.empty();
  }

  /** What went wrong, in words (as the rest of carpsim says it): "no such file", "permission denied", … */
  public static String describe(IOException e) {
    if (e instanceof NoSuchFileException) {
      return "no such file";
    } else if (e instanceof AccessDeniedException) {
      return "permission denied";
    } else if (e instanceof FileAlreadyExistsException) {
      return "already exists";
    } else if (e instanceof NotDirectoryException) {
      return "not a directory";
    } else if (e instanceof CharacterCodingException) {
      return "not UTF-8 text";
    } else if (e instanceof FileSystemException f && f.getReason() != null) {
      return f.getReason().toLowerCase(java.util.Locale.ROOT);
    }
    String message = e.getMessage();
    return message == null || message.isBlank() ? "input/output error" : message;
  }
}
