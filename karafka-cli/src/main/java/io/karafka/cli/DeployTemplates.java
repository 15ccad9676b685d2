package io.karafka.cli;

/**
 * The files {@link Installer} writes to run and deploy an application without Maven: the
 * launcher script, the distribution's assembly descriptor and the systemd units.
 */
final class DeployTemplates {
  private DeployTemplates() {}

  /**
   * @param name the application's name, also the launcher's file name
   * @param mainClass the fully qualified class whose {@code main} runs the command line
   * @param findJdk the text of {@code .mvn/find-jdk.sh}, whose functions the launcher carries
   * @return {@code bin/<name>}: finds Java 21 or newer like {@code ./mvnw}, then replaces itself
   *     with the JVM running the main class on {@code lib/*}
   */
  static String launcher(String name, String mainClass, String findJdk) {
    String functions = findJdk.lines().dropWhile(line -> line.startsWith("#"))
        .collect(java.util.stream.Collectors.joining("\n", "", "\n"));
    return """
        #!/bin/sh
        # The launcher of @name: runs @main on Java 21+ with the jars in lib/ (beside bin/).
        #   bin/@name help | routes | flow | info | server | worker | console
        # Arguments and the exit code pass through; the JVM replaces this script (exec), so signals
        # reach it. Java: JAVA_HOME when it is 21 or newer, else the default java when it is, else
        # the newest under /usr/lib/jvm, /usr/java, /opt/java, /opt/jdk*, SDKMAN, ~/.jdks or macOS's
        # JVM folder; otherwise it says what to install. JAVA_OPTS adds JVM options
        # (JAVA_OPTS=-Xmx1g). Written by Karafka for Java's installer (karafka install).
        set -eu
        karafka_jdk_tool=java
        karafka_jdk_who=@name
        karafka_jdk_purpose="this application needs Java"
        karafka_jdk_to="to run"

        # --- the JDK search of Karafka for Java's ./mvnw (.mvn/find-jdk.sh) ---
        @functions# ---

        self=$(readlink -f "$0" 2>/dev/null || printf '%s\\n' "$0")
        app_home=$(cd "$(dirname "$self")/.." && pwd)
        if ! ls "$app_home"/lib/*.jar >/dev/null 2>&1; then
          echo "@name: no jars in $app_home/lib; build the distribution: ./mvnw package" >&2
          exit 1
        fi
        karafka_find_jdk || exit 1
        set -f # JAVA_OPTS is split into words, never expanded into file names
        # karafka.launcher: server --daemon starts the server again through this script
        exec "$JAVA_HOME/bin/java" ${JAVA_OPTS-} -Dkarafka.launcher="$self" \\
          -cp "$app_home/lib/*" @main "$@"
        """.replace("@functions", functions).replace("@name", name).replace("@main", mainClass);
  }

  /**
   * @return {@code src/assembly/dist.xml}: bin/, lib/ (the app's jar and its runtime jars) and
   *     config/
   */
  static String assembly() {
    return """
        <?xml version="1.0" encoding="UTF-8"?>
        <!-- the distribution, target/<name>/: bin/<name> (the launcher), lib/ (the app's jar and
             every runtime dependency), config/ (settings per environment) -->
        <assembly xmlns="http://maven.apache.org/ASSEMBLY/2.2.0"
                  xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                  xsi:schemaLocation="http://maven.apache.org/ASSEMBLY/2.2.0 https://maven.apache.org/xsd/assembly-2.2.0.xsd">
          <id>dist</id>
          <formats>
            <format>dir</format>
          </formats>
          <includeBaseDirectory>false</includeBaseDirectory>
          <fileSets>
            <fileSet>
              <directory>src/dist/bin</directory>
              <outputDirectory>bin</outputDirectory>
              <fileMode>0755</fileMode>
              <lineEnding>unix</lineEnding>
            </fileSet>
            <fileSet>
              <directory>config</directory>
              <outputDirectory>config</outputDirectory>
            </fileSet>
          </fileSets>
          <dependencySets>
            <dependencySet>
              <outputDirectory>lib</outputDirectory>
              <useProjectArtifact>true</useProjectArtifact>
              <scope>runtime</scope>
            </dependencySet>
          </dependencySets>
        </assembly>
        """;
  }

  /**
   * @param name the application's name
   * @param command {@code server} or {@code worker}
   * @return {@code deploy/<name>-<command>.service}: the launcher in /opt/NAME, the distribution
   */
  static String unit(String name, String command) {
    return """
        # /etc/systemd/system/%1$s-%2$s.service: the distribution (target/%1$s after ./mvnw package)
        # copied to /opt/%1$s, e.g. rsync -a --delete target/%1$s/ /opt/%1$s/ (see README.md)
        [Unit]
        Description=%1$s: Karafka %2$s
        After=network-online.target
        Wants=network-online.target

        [Service]
        User=%1$s
        WorkingDirectory=/opt/%1$s
        Environment=KARAFKA_ENV=production
        Environment=JAVA_OPTS=-Xmx1g
        # KARAFKA_KAFKA_HOSTS=..., REDIS_URL=..., one NAME=value a line (the '-': optional)
        EnvironmentFile=-/etc/%1$s/environment
        # bin/%1$s finds Java 21 or newer (JAVA_HOME, the default java, /usr/lib/jvm/...)
        ExecStart=/opt/%1$s/bin/%1$s %3$s
        Restart=on-failure
        # 78: invalid settings or routes; restarting cannot fix them
        RestartPreventExitStatus=78
        TimeoutStopSec=60
        KillSignal=SIGTERM

        [Install]
        WantedBy=multi-user.target
        """.formatted(name, command, command);
  }
}
