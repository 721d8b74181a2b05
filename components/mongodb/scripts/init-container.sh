#!/bin/bash
# prepare-config, the init container of StatefulSet mongodb-od: gives mongod a configuration directory it owns.
#
# mongod refuses a keyfile that its own user does not own, or that anyone else may read; the files of a Secret
# volume belong to root. So the keyfile and mongod.conf are copied into the emptyDir that container mongodb
# mounts at /etc/mongodb, owned by the mongodb user, the directory and files readable by that user alone. It
# runs at every start of the pod and replaces what an earlier start left there.
#
# Environment (the defaults are the pod's paths; tests point them elsewhere):
#   INPUT_DIR      where mongod.conf and mongod.keyfile are mounted (/input)
#   CONFIG_DIR     the emptyDir mounted at /etc/mongodb in container mongodb (/work/config)
#   LOG_DIR        the emptyDir mounted at /var/log/mongodb (/var/log/mongodb)
#   MONGODB_OWNER  owner of what this writes (mongodb:mongodb, the user the image's entrypoint runs mongod as)
set -euo pipefail

input_dir=${INPUT_DIR:-/input}
config_dir=${CONFIG_DIR:-/work/config}
log_dir=${LOG_DIR:-/var/log/mongodb}
owner=${MONGODB_OWNER:-mongodb:mongodb}

for file in mongod.conf mongod.keyfile; do
    if [ ! -s "$input_dir/$file" ]; then
        echo "prepare-config: $input_dir/$file is missing or empty" >&2
        exit 1
    fi
done

mkdir -p "$config_dir" "$log_dir"
for file in mongod.conf mongod.keyfile; do
    # A file left by an earlier start is read-only: replace it rather than write into it.
    rm -f "$config_dir/$file"
    cp "$input_dir/$file" "$config_dir/$file"
    chown "$owner" "$config_dir/$file"
    chmod 0400 "$config_dir/$file"
done
chown "$owner" "$config_dir" "$log_dir"
chmod 0700 "$config_dir"
echo "prepare-config: $config_dir holds mongod.conf and mongod.keyfile, owned by $owner"
