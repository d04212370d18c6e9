# Shared by sandbox.sh and platform-sandbox.sh (sourced, not run): the port check, the build, and stopping every
# started program when the script ends, on Ctrl+C or on SIGTERM.

listening() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# Exits naming the first port already taken: a second sandbox (or anything else) there would be talked to instead.
# Usage: refuse_taken_ports <script name> <hint> <port>...
refuse_taken_ports() {
  local name=$1 hint=$2
  shift 2
  for taken in "$@"; do
    if listening "$taken"; then
      echo "$name: port $taken is already in use (another sandbox still running?). $hint" >&2
      exit 1
    fi
  done
}

dotnet build -v quiet -nologo tests/Backup.EngineEmulator/Backup.EngineEmulator.csproj
dotnet build -v quiet -nologo src/Backup.Api/Backup.Api.csproj

# The built programs are started directly (not through 'dotnet run'), so that the ids in pids are theirs and a kill
# reaches them.
pids=()
stop() { kill "${pids[@]}" 2>/dev/null || true; wait "${pids[@]}" 2>/dev/null || true; }
trap stop EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
