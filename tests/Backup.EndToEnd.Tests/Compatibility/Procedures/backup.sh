#!/usr/bin/env bash
# The Camunda 8.7 docs' "Create a backup" procedure, Step 1 "Back up WebApps", the Operate and Tasklist steps, as
# published (camunda/camunda-docs, versioned_docs/version-8.7/self-managed/operational-guides/backup-restore/backup.md).
# The docs' "Example API endpoint definition" block exports the variables; the test sets them the same way (base
# URLs ending with '/', as in the docs) for the service and the emulator it started. Optimize and Zeebe steps are
# other services and left out. Every command below is the docs' own, unchanged.
set -e

# 2. Start a backup x of Operate
curl -XPOST "$OPERATE_MANAGEMENT_API/actuator/backups" \
   -H "Content-Type: application/json" \
   -d "{\"backupId\": $BACKUP_ID}"

# 3. Start a backup x of Tasklist
curl -XPOST "$TASKLIST_MANAGEMENT_API/actuator/backups" \
   -H "Content-Type: application/json" \
   -d "{\"backupId\": $BACKUP_ID}"

# 5. Wait for backup x of Operate to complete
curl -s "$OPERATE_MANAGEMENT_API/actuator/backups/$BACKUP_ID"
while [[ "$(curl -s "$OPERATE_MANAGEMENT_API/actuator/backups/$BACKUP_ID" | jq -r .state)" != "COMPLETED" ]]; do echo "Waiting..."; sleep 5; done; echo "Finished backup with ID $BACKUP_ID"

# 6. Wait for backup x of Tasklist to complete
curl "$TASKLIST_MANAGEMENT_API/actuator/backups/$BACKUP_ID"
while [[ "$(curl -s "$TASKLIST_MANAGEMENT_API/actuator/backups/$BACKUP_ID" | jq -r .state)" != "COMPLETED" ]]; do echo "Waiting..."; sleep 5; done; echo "Finished backup with ID $BACKUP_ID"
