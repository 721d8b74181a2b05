#!/bin/bash
# The replica-manager sidecar of StatefulSet mongodb-od runs this at its start: on member 0 it initiates replica
# set rs0 with every member, once. Each member's mongod starts with replication.replSetName and waits for a
# configuration until this gives one.
#
# Once the set exists this changes nothing: it neither adds nor removes members. A REPLICAS that differs from the
# set's members (replicas changed after the first deployment) is reported, not applied (rs.add and rs.remove
# change a running set). A member that says its configuration is invalid is reported too: that is what a member
# says while its own DNS name does not resolve yet, and a forced reconfiguration then could lose writes.
#
# Environment:
#   POD_NAME          this pod's name (default: the host name); only <STATEFULSET_NAME>-0 initiates the set
#   STATEFULSET_NAME  mongodb-od; SERVICE: its headless Service, mongodb; PORT: 27017
#                     member i is <STATEFULSET_NAME>-<i>.<SERVICE>:<PORT>, a name that resolves in the namespace
#   REPLICAS          members of the set (1)
#   REPLICA_SET       the set's name, as in mongod.conf (rs0)
#   MONGO_INITDB_ROOT_USERNAME, MONGO_INITDB_ROOT_PASSWORD, MONGO_AUTH_DB (admin): the root user. mongosh reads
#                     the password from its environment: it is never on a command line, where ps would show it.
#   SLEEP_SECONDS     pause between two attempts (5); PRIMARY_WAIT_ATTEMPTS: how often to look for a primary (60)
# Exit status: 0 when the set exists (or this is not member 0), 1 otherwise; the sidecar then tries again later.
set -euo pipefail

pod_name=${POD_NAME:-$(hostname)}
statefulset=${STATEFULSET_NAME:-mongodb-od}
service=${SERVICE:-mongodb}
port=${PORT:-27017}
replicas=${REPLICAS:-1}
sleep_seconds=${SLEEP_SECONDS:-5}
primary_wait_attempts=${PRIMARY_WAIT_ATTEMPTS:-60}
export REPLICA_SET=${REPLICA_SET:-rs0}
export MONGO_AUTH_DB=${MONGO_AUTH_DB:-admin}
export MONGO_INITDB_ROOT_USERNAME MONGO_INITDB_ROOT_PASSWORD

log() {
    echo "init-replica: $*"
}

if [ -z "${MONGO_INITDB_ROOT_USERNAME:-}" ] || [ -z "${MONGO_INITDB_ROOT_PASSWORD:-}" ]; then
    log "MONGO_INITDB_ROOT_USERNAME and MONGO_INITDB_ROOT_PASSWORD are required"
    exit 1
fi
if ! [[ $replicas =~ ^[1-9][0-9]*$ ]]; then
    log "REPLICAS=$replicas is not a number of members"
    exit 1
fi
if [ "$pod_name" != "$statefulset-0" ]; then
    log "$pod_name is not $statefulset-0, which initiates the set: nothing to do"
    exit 0
fi

members=()
for ((i = 0; i < replicas; i++)); do
    members+=("$statefulset-$i.$service:$port")
done
# Read by the JavaScript of rs.initiate below, so no host name is spliced into code.
REPLICA_SET_MEMBERS=$(
    IFS=,
    echo "${members[*]}"
)
export REPLICA_SET_MEMBERS
first=${members[0]}

# Runs JavaScript on one member as the root user and prints the last line it printed.
on_member() {
    local host=$1 script=$2 output
    output=$(mongosh --host "$host" --quiet --norc --eval "db.getSiblingDB(process.env.MONGO_AUTH_DB).auth(process.env.MONGO_INITDB_ROOT_USERNAME, process.env.MONGO_INITDB_ROOT_PASSWORD); $script") || return 1
    printf '%s\n' "$output" | tail -n 1
}

# Logs the set's primary, waiting for the election; fails when none is elected in time.
wait_for_primary() {
    local attempt primary
    for ((attempt = 1; attempt <= primary_wait_attempts; attempt++)); do
        primary=$(on_member "$first" 'print(db.hello().primary || "")' 2>/dev/null) || primary=""
        if [ -n "$primary" ]; then
            log "replica set $REPLICA_SET has primary $primary"
            return 0
        fi
        sleep "$sleep_seconds"
    done
    log "replica set $REPLICA_SET elected no primary after $primary_wait_attempts attempts"
    return 1
}

for host in "${members[@]}"; do
    until [ "$(on_member "$host" 'print(db.adminCommand({ ping: 1 }).ok)' 2>/dev/null)" = "1" ]; do
        log "waiting for $host to answer"
        sleep "$sleep_seconds"
    done
done

state=$(on_member "$first" '
    let state;
    try {
        state = rs.status().ok === 1 ? "initialized" : "unknown";
    } catch (error) {
        if (error.code === 94 || error.codeName === "NotYetInitialized") state = "uninitialized";
        else if (error.code === 93 || error.codeName === "InvalidReplicaSetConfig") state = "invalid";
        else state = "error " + error.message;
    }
    print(state);
') || state="error (mongosh failed)"

case "$state" in
    uninitialized)
        log "initiating replica set $REPLICA_SET with $REPLICA_SET_MEMBERS"
        if ! result=$(on_member "$first" '
            const members = process.env.REPLICA_SET_MEMBERS.split(",").map((host, i) => ({ _id: i, host }));
            try {
                rs.initiate({ _id: process.env.REPLICA_SET, members });
                print("initiated");
            } catch (error) {
                if (error.code !== 23 && error.codeName !== "AlreadyInitialized") throw error;
                print("already initialized");
            }
        '); then
            log "rs.initiate failed"
            exit 1
        fi
        log "replica set $REPLICA_SET: $result"
        wait_for_primary
        ;;
    initialized)
        count=$(on_member "$first" 'print(rs.conf().members.length)') || count="?"
        if [ "$count" != "$replicas" ]; then
            log "replica set $REPLICA_SET has $count members and REPLICAS is $replicas: not changed (add or remove members with rs.add and rs.remove)"
        fi
        log "replica set $REPLICA_SET is initialized: nothing to do"
        wait_for_primary
        ;;
    invalid)
        log "$first says its replica set configuration is invalid or does not name it (its DNS name may not resolve yet): not changed"
        exit 1
        ;;
    *)
        log "cannot read the state of replica set $REPLICA_SET on $first: $state"
        exit 1
        ;;
esac
