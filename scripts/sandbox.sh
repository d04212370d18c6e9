#!/usr/bin/env bash
# Starts the service wired to the project's engine EMULATOR (not a real engine), preloaded with Operate and
# Tasklist 8.7 indices, so that every curl example of the README works on a machine with no engine.
#   bash scripts/sandbox.sh [elasticsearch7|elasticsearch8|elasticsearch9|opensearch1|opensearch2|opensearch3]
# Environment: COMPONENT=operate|tasklist|webapps (default operate; webapps preloads Camunda 8.8 indices),
# EMULATOR_PORT (default 9250), PORT (default 9600).
# Ctrl+C or SIGTERM stops both the service and the emulator.
set -euo pipefail
cd "$(dirname "$0")/.."
flavor=${1:-elasticsearch8}
component=${COMPONENT:-operate}
emulator_port=${EMULATOR_PORT:-9250}
port=${PORT:-9600}
case "$flavor" in opensearch*) type=opensearch ;; *) type=elasticsearch ;; esac
case "$component" in webapps) camunda=8.8 ;; *) camunda=8.7 ;; esac

source scripts/sandbox-common.sh
refuse_taken_ports sandbox "Stop it, or choose other ports: EMULATOR_PORT=9251 PORT=9601 bash scripts/sandbox.sh $flavor" "$emulator_port" "$port"

dotnet tests/Backup.EngineEmulator/bin/Debug/net10.0/Backup.EngineEmulator.dll \
  --flavor "$flavor" --port "$emulator_port" --repository camunda_backup --camunda "$camunda" &
pids+=($!)

for _ in $(seq 1 200); do
  listening "$emulator_port" && break
  sleep 0.1
done

echo "*****************************************************************************************"
echo "  SANDBOX: the service on http://localhost:$port talks to an ENGINE EMULATOR"
echo "  ($flavor, in memory, at http://127.0.0.1:$emulator_port), NOT to a real engine."
echo "  Try: curl -s -X POST http://localhost:$port/actuator/backups -H 'Content-Type: application/json' -d '{\"backupId\": 1}'"
echo "*****************************************************************************************"
(cd src/Backup.Api && exec dotnet bin/Debug/net10.0/Backup.Api.dll \
  --Backup:Component="$component" --Backup:RepositoryName=camunda_backup \
  --Database:Type="$type" --Database:Url="http://127.0.0.1:$emulator_port" \
  --Management:Server:Port="$port") &
pids+=($!)
wait "${pids[1]}"
