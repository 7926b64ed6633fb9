# Sourced by the scripts in deploy/bin: builds Baton once if needed and sets BATON_CP.
BATON_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
if [ ! -f "$BATON_ROOT/deploy/target/classpath.txt" ]; then
  (cd "$BATON_ROOT" && ./mvnw -q -B -DskipTests install -pl deploy -am) >&2
fi
BATON_CP="$BATON_ROOT/deploy/target/classes:$(cat "$BATON_ROOT/deploy/target/classpath.txt")"
