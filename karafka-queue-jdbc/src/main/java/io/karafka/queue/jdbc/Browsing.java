package io.karafka.queue.jdbc;

import io.karafka.job.Job;
import io.karafka.job.JobBrowser.Section;
import io.karafka.job.JobBrowser;
import io.karafka.job.ProcessInfo;
import io.karafka.job.internal.Pages;
import java.util.List;
import java.util.Locale;

/**
 * The {@link JobBrowser} side of a {@link JdbcJobStore}: each action of the web UI on a pooled
 * connection, its failure named; a job run now wakes waiting fetches. Thread-safe.
 */
final class Browsing {
  private final JdbcConnections connections;
  private final JobSections sections;
  private final Notifications notifications;
  private final JdbcProcesses processes;

  Browsing(JdbcConnections connections, JobSections sections, Notifications notifications,
           JdbcProcesses processes) {
    this.connections = connections;
    this.sections = sections;
    this.notifications = notifications;
    this.processes = processes;
  }

  List<ProcessInfo> processes() {
    return connections.on(() -> "listing the worker processes", processes::list);
  }

  List<Job> jobs(Section section, int offset, int limit) {
    Pages.check(offset, limit);
    return connections.on(() -> "listing section " + name(section),
        connection -> sections.list(connection, section, offset, limit));
  }

  long count(Section section) {
    return connections.on(() -> "counting section " + name(section),
        connection -> sections.count(connection, section));
  }

  boolean runNow(Section section, String jobId) {
    boolean moved = connections.on(() -> "running job " + jobId + " of section "
        + name(section) + " now", connection -> sections.runNow(connection, section, jobId));
    if (moved) {
      notifications.signal();
    }
    return moved;
  }

  boolean delete(Section section, String jobId) {
    return connections.on(() -> "deleting job " + jobId + " of section " + name(section),
        connection -> sections.delete(connection, section, jobId));
  }

  private static String name(Section section) {
    return section.name().toLowerCase(Locale.ROOT);
  }
}
