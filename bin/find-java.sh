# shellcheck shell=sh
# Sourced by bin/locust, mvnw, .ci/run and the helper scripts (POSIX sh): finds a JDK >= 21 and exports JAVA_HOME.
# Order: $JAVA_HOME if it is new enough, else the newest JDK under /usr/lib/jvm, else `java` on the PATH.
# Prints one clear line and returns 1 when there is none.

locustj_java_major() { # $1 = path to a java binary; prints its major version
  "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = \([0-9][0-9]*\).*/\1/p' | head -n 1
}

locustj_find_java() {
  _lj_need=${LOCUSTJ_MIN_JAVA:-21}
  _lj_best=""
  _lj_best_major=0
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then
    _lj_major=$(locustj_java_major "$JAVA_HOME/bin/java")
    if [ -n "$_lj_major" ] && [ "$_lj_major" -ge "$_lj_need" ]; then
      export JAVA_HOME
      PATH="$JAVA_HOME/bin:$PATH"; export PATH
      return 0
    fi
  fi
  case $- in *f*) _lj_noglob=1; set +f ;; *) _lj_noglob=0 ;; esac
  for _lj_cand in /usr/lib/jvm/*; do
    [ -x "$_lj_cand/bin/java" ] && [ -x "$_lj_cand/bin/javac" ] || continue
    _lj_major=$(locustj_java_major "$_lj_cand/bin/java")
    if [ -n "$_lj_major" ] && [ "$_lj_major" -ge "$_lj_need" ] && [ "$_lj_major" -gt "$_lj_best_major" ]; then
      _lj_best=$_lj_cand; _lj_best_major=$_lj_major
    fi
  done
  [ "$_lj_noglob" = 1 ] && set -f
  if [ -z "$_lj_best" ] && command -v java >/dev/null 2>&1; then
    _lj_cand=$(readlink -f "$(command -v java)"); _lj_cand=${_lj_cand%/bin/java}
    _lj_major=$(locustj_java_major "$_lj_cand/bin/java")
    if [ -n "$_lj_major" ] && [ "$_lj_major" -ge "$_lj_need" ]; then _lj_best=$_lj_cand; fi
  fi
  if [ -z "$_lj_best" ]; then
    echo "error: Locust for Java needs a JDK $_lj_need or newer and found none (checked JAVA_HOME, /usr/lib/jvm, PATH). Install one (e.g. 'apt-get install -y openjdk-21-jdk' or a Temurin 21+ JDK) or set JAVA_HOME to it." >&2
    return 1
  fi
  JAVA_HOME=$_lj_best; export JAVA_HOME
  PATH="$JAVA_HOME/bin:$PATH"; export PATH
  return 0
}
