# Sourced by ./mvnw before Maven starts: Karafka for Java builds with --release 21, so Maven must
# run on a JDK 21 or newer. Keeps JAVA_HOME when it already points at one; otherwise takes the
# default one when it is new enough; otherwise picks the newest JDK >= 21 from the usual install
# locations; otherwise stops with a message saying what to install and set. KARAFKA_MIN_JDK
# overrides the minimum (for testing this script).
# An application's launcher (bin/<app>, written by karafka-cli's Installer) carries a copy of the
# functions below and sets, before them: karafka_jdk_tool=java (a runtime is enough to run an
# app), karafka_jdk_who=<app>, karafka_jdk_purpose="this application needs Java" and
# karafka_jdk_to="to run".
karafka_min_jdk="${KARAFKA_MIN_JDK:-21}"
karafka_jdk_tool="${karafka_jdk_tool:-javac}"
karafka_jdk_who="${karafka_jdk_who:-mvnw}"
karafka_jdk_purpose="${karafka_jdk_purpose:-Karafka for Java needs a JDK}"
karafka_jdk_to="${karafka_jdk_to:-to build}"

karafka_jdk_major() { # prints the feature version of the JDK at $1, or nothing
  [ -x "$1/bin/$karafka_jdk_tool" ] || return 0
  if [ -f "$1/release" ]; then
    v=$(sed -n 's/^JAVA_VERSION="\([0-9][0-9]*\)\(\.[^"]*\)\{0,1\}"$/\1/p' "$1/release" | head -n 1)
    [ "$v" = 1 ] && v=$(sed -n 's/^JAVA_VERSION="1\.\([0-9]*\).*/\1/p' "$1/release" | head -n 1)
    printf %s "$v"
  fi
}

karafka_find_jdk() {
  if [ -n "${JAVA_HOME-}" ]; then
    v=$(karafka_jdk_major "$JAVA_HOME")
    if [ -n "$v" ] && [ "$v" -ge "$karafka_min_jdk" ]; then return 0; fi
    karafka_old="JAVA_HOME=$JAVA_HOME (JDK ${v:-unknown})"
  else
    tool_path=$(command -v "$karafka_jdk_tool" 2>/dev/null || true)
    if [ -n "$tool_path" ]; then
      home=$(dirname "$(dirname "$(readlink -f "$tool_path")")")
      v=$(karafka_jdk_major "$home")
      if [ -n "$v" ] && [ "$v" -ge "$karafka_min_jdk" ]; then export JAVA_HOME="$home"; return 0; fi
      karafka_old="the default $karafka_jdk_tool ($home, JDK ${v:-unknown})"
    fi
  fi
  best=""; best_v=0
  case $- in *f*) karafka_noglob=1 ;; *) karafka_noglob=0 ;; esac
  set +f # ./mvnw runs with globbing off
  for home in /usr/lib/jvm/* /usr/java/* /opt/java/* /opt/jdk* "${HOME-}"/.sdkman/candidates/java/* \
              "${HOME-}"/.jdks/* /Library/Java/JavaVirtualMachines/*/Contents/Home; do
    [ -d "$home" ] || continue
    v=$(karafka_jdk_major "$home")
    if [ -n "$v" ] && [ "$v" -ge "$karafka_min_jdk" ] && [ "$v" -gt "$best_v" ]; then best="$home"; best_v=$v; fi
  done
  [ "$karafka_noglob" = 1 ] && set -f
  if [ -n "$best" ]; then
    case "${karafka_old-}" in
      JAVA_HOME=*) echo "${karafka_jdk_who}: ${karafka_old} is older than ${karafka_min_jdk}; using JDK ${best_v} at ${best}" >&2 ;;
    esac
    export JAVA_HOME="$best"
    return 0
  fi
  echo "${karafka_jdk_who}: ${karafka_jdk_purpose} ${karafka_min_jdk} or newer ${karafka_jdk_to}, but found only ${karafka_old:-no JDK}." >&2
  echo "${karafka_jdk_who}: install one and set JAVA_HOME to it: Temurin ${karafka_min_jdk}+ from https://adoptium.net (Debian 12 has no OpenJDK ${karafka_min_jdk} package; Adoptium's apt repository has temurin-${karafka_min_jdk}-jdk), or an openjdk-${karafka_min_jdk}-jdk (or newer) package where your distribution has one; e.g. export JAVA_HOME=/usr/lib/jvm/temurin-${karafka_min_jdk}-jdk-amd64" >&2
  return 1
}
