#!/usr/bin/env bash
# The Camunda 8.7 docs' "Restore a backup" procedure, Step 1 "Restore of Elasticsearch/OpenSearch", Elasticsearch tab
# (camunda/camunda-docs, versioned_docs/version-8.7/self-managed/operational-guides/backup-restore/restore.md):
# 2. find available backup ids, 4. delete all indices, 5. restore every snapshot of the chosen backup id. Step 1
# (templates, created when Camunda starts) and step 3 (stop the components) concern Camunda itself, not this API.
# Every command is the docs' own, unchanged; only the loop over the snapshot names is ours: the docs have the
# operator pick the names of the chosen backup id from the listing, and this does that with grep.
set -e

# 2. Find available backup IDs
curl $OPERATE_MANAGEMENT_API/actuator/backups
curl $TASKLIST_MANAGEMENT_API/actuator/backups
curl $ELASTIC_ENDPOINT/_snapshot/$ELASTIC_SNAPSHOT_REPOSITORY/_all | jq -r '.snapshots[].snapshot'

# 4. Delete all indices
for index in $(curl -s "$ELASTIC_ENDPOINT/_cat/indices?h=index" \
   | grep -E 'operate|tasklist|optimize|zeebe'); do
      echo "Deleting index: $index"
      curl -X DELETE "$ELASTIC_ENDPOINT/$index"
done

# 5. Restore Elasticsearch/OpenSearch snapshots (one by one, every snapshot of the chosen backup id)
for SNAPSHOT_NAME in $(curl -s $ELASTIC_ENDPOINT/_snapshot/$ELASTIC_SNAPSHOT_REPOSITORY/_all | jq -r '.snapshots[].snapshot' | grep "_${BACKUP_ID}_"); do
curl -XPOST "$ELASTIC_ENDPOINT/_snapshot/$ELASTIC_SNAPSHOT_REPOSITORY/$SNAPSHOT_NAME/_restore?wait_for_completion=true"
done
