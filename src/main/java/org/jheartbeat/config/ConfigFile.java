package org.jheartbeat.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Reads a configuration file as lines. ISO-8859-1 maps every byte to one character, so no
 * content can make reading fail; the parsers then reject what is not valid.
 */
final class ConfigFile {
  private ConfigFile() {}

  /** The lines of {@code file}, or empty after reporting why it cannot be read. */
  static Optional<List<String>> readLines(Path file, Problems problems, boolean required) {
    try {
      return Optional.of(Files.readAllLines(file, StandardCharsets.ISO_8859_1));
    } catch (NoSuchFileException e) {
      if (required) {
        problems.error(file, 0, "file not found");
      }
      return Optional.empty();
    } catch (IOException e) {
      problems.error(file, 0, "cannot read: " + describe(e));
      return Optional.empty();
    }
  }

  /** Why reading failed, in the operator's words ("Is a directory", "permission denied"). */
  static String describe(IOException e) {
    if (e instanceof java.nio.file.AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof java.nio.file.FileSystemException fse && fse.getReason() != null) {
      return fse.getReason();
    }
    if (e.getClass() == IOException.class && e.getMessage() != null) {
      return e.getMessage(); // e.g. "Is a directory": the class name adds nothing
    }
    String reason = e.getMessage();
    return e.getClass().getSimpleName().replace("Exception", "")
        + (reason == null ? "" : " (" + reason + ")");
  }

  /** The line without its comment ({@code #} starts one anywhere) and surrounding blanks. */
  static String stripComment(String line) {
    int hash = line.indexOf('#');
    String code = hash >= 0 ? line.substring(0, hash) : line;
    return code.replace("\r", "").strip();
  }
}
