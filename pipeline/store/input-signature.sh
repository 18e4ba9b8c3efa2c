# The signature of every input of make dataset, written to $1 only when it changed (so make sees a
# newer file only then). Per file: path, size, modification time, change time and inode, as git
# compares them: an edit that keeps the size and resets the modification time (touch -r) still
# changes the change time. The code the stages run (pipeline/ but the commands, benchmarks and
# publishing tools), schemas/, data/ (the exchange rates) and the lock file count too, and
# out/releases/index.json: the build names itself after the latest release (06-export), so a new release
# renames the next build.
# Reads RAW_DIR from the environment (make exports it); names under raw/ never pass through make.
set -eu -o pipefail
sig=$1
mkdir -p "$(dirname "$sig")"
releases=()
if [ -e out/releases/index.json ]; then releases=(out/releases/index.json); fi
find "$RAW_DIR" schemas data package.json package-lock.json "${releases[@]}" \
    pipeline -path pipeline/cli -prune -o -path pipeline/bench -prune -o -path pipeline/publish -prune -o \
    -printf '%p\t%y\t%s\t%T@\t%C@\t%i\n' | LC_ALL=C sort >"$sig.new"
if cmp -s "$sig.new" "$sig"; then rm -f "$sig.new"; else mv -f "$sig.new" "$sig"; fi
