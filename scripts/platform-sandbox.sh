#!/usr/bin/env bash
# Starts a whole EMULATED Camunda platform and the service taking its platform backups, for curl and the backup tool:
# the engine emulator, Zeebe's management port and Optimize's backup API (emulated), and this service, which serves
# Operate's (8.7) or the unified app's webapps (8.8) backup API itself; on 8.7 a second instance serves Tasklist's.
#   bash scripts/platform-sandbox.sh [8.7|8.8] [elasticsearch8|opensearch2|...]
# Environment: PORT (the service, default 9600), TASKLIST_PORT (8.7, default PORT+1), EMULATOR_PORT (9250),
# ZEEBE_PORT (9260), OPTIMIZE_PORT (9270). Ctrl+C or SIGTERM stops everything.
set -euo pipefail
cd "$(dirname "$0")/.."
line=${1:-8.7}
flavor=${2:-elasticsearch8}
port=${PORT:-9600}
tasklist_port=${TASKLIST_PORT:-$((port + 1))}
emulator_port=${EMULATOR_PORT:-9250}
zeebe_port=${ZEEBE_PORT:-9260}
optimize_port=${OPTIMIZE_PORT:-9270}
case "$flavor" in opensearch*) type=opensearch ;; *) type=elasticsearch ;; esac
case "$line" in 8.8) camunda=8.8-fresh; component=webapps ;; 8.7) camunda=8.7; component=operate ;;
  *) echo "platform-sandbox: the version line is 8.7 or 8.8, not '$line'" >&2; exit 2 ;; esac

source scripts/sandbox-common.sh
refuse_taken_ports platform-sandbox "Choose others with PORT, TASKLIST_PORT, EMULATOR_PORT, ZEEBE_PORT, OPTIMIZE_PORT." \
  "$emulator_port" "$zeebe_port" "$optimize_port" "$port" "$tasklist_port"

dotnet tests/Backup.EngineEmulator/bin/Debug/net10.0/Backup.EngineEmulator.dll --flavor "$flavor" --port "$emulator_port" \
  --repository camunda_backup --camunda "$camunda" --zeebe-port "$zeebe_port" --optimize-port "$optimize_port" &
pids+=($!)
for _ in $(seq 1 200); do listening "$optimize_port" && break; sleep 0.1; done

service() { # component port extra-args...
  local name=$1 at=$2; shift 2
  (cd src/Backup.Api && exec dotnet bin/Debug/net10.0/Backup.Api.dll --Backup:Component="$name" --Backup:RepositoryName=camunda_backup \
    --Database:Type="$type" --Database:Url="http://127.0.0.1:$emulator_port" --Management:Server:Port="$at" "$@") &
  pids+=($!)
}

platform=(--Platform:Version="$line" --Platform:Zeebe:Url="http://127.0.0.1:$zeebe_port" --Platform:Optimize:Url="http://127.0.0.1:$optimize_port")
if [ "$line" = 8.8 ]; then
  platform+=(--Platform:Webapps:Url="http://127.0.0.1:$port")
else
  service tasklist "$tasklist_port"
  platform+=(--Platform:Operate:Url="http://127.0.0.1:$port" --Platform:Tasklist:Url="http://127.0.0.1:$tasklist_port")
fi

echo "*****************************************************************************************"
echo "  PLATFORM SANDBOX ($line): EVERYTHING IS EMULATED (engine $flavor, Zeebe, Optimize); nothing is real."
echo "  Try: curl -s -X POST http://localhost:$port/actuator/platform/backups -H 'Content-Type: application/json' -d '{}'"
echo "       dotnet run --project src/Backup.Cli -- platform create --wait --url http://localhost:$port"
echo "*****************************************************************************************"
service "$component" "$port" "${platform[@]}"
wait "${pids[-1]}"
