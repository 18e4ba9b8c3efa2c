# The signature of every input of make dataset, written to $1 only when it changed (so make sees a
# newer file only then). Per file: path, size, modification time, change time and inode, as git
# compares them: an edit that keeps the size and resets the modification time (touch -r) still
# changes the change time. The code the stages run (pipeline/ but the commands, benchmarks and
# publishing tools), schemas/, data/ (the exchange rates) and the lock file count too, and
# out/releases/index.json: the build names itself after the latest release (06-export), so a new release
# renames the next build.
# One find lists them all (in the C locale, which prints names byte by byte), sorted; the file keeps
# the listing's hash, not the listing (at 100,000 sources that is 400,000 lines, 40 MB).
# Reads RAW_DIR from the environment (make exports it); names under raw/ never pass through make.
set -eu -o pipefail
export LC_ALL=C
sig=$1
mkdir -p "$(dirname "$sig")"
releases=()
if [ -e out/releases/index.json ]; then releases=(out/releases/index.json); fi
new=$(find "$RAW_DIR" schemas data package.json package-lock.json "${releases[@]}" \
    pipeline -path pipeline/cli -prune -o -path pipeline/bench -prune -o -path pipeline/publish -prune -o \
    -printf '%p\t%y\t%s\t%T@\t%C@\t%i\n' | sort | sha256sum)
if [ ! -e "$sig" ] || [ "$(cat "$sig")" != "$new" ]; then printf '%s\n' "$new" >"$sig.new" && mv -f "$sig.new" "$sig"; fi
