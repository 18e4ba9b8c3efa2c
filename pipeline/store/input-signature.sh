# The signature of every input of make dataset, written to $1 only when it changed (so make sees a
# newer file only then). Per file: path, size, modification time, change time and inode, as git
# compares them: an edit that keeps the size and resets the modification time (touch -r) still
# changes the change time. The code the stages run (pipeline/ but the commands, benchmarks and
# publishing tools), schemas/, data/ (the exchange rates) and the lock file count too, and
# out/releases/index.json: the build names itself after the latest release (06-export), so a new release
# renames the next build.
# raw/ is signed by input-signature.pl, in one part per core (up to 4) at once: each entry of raw/ and, in
# a source folder, the three files the build reads, by lstat, without opening the folder (at 100,000
# sources that is 300,000 lstat calls, 0.9-1.2 s on two cores, where a find over every folder took 1.7-2.5 s).
# The rest is small: one find (in the C locale, which prints names byte by byte), sorted.
# Beside the signature, <sig minus .sig>.entries lists what it signs: two header lines (each starting with a tab,
# which no entry's line does: `<TAB>raw<TAB><sha256 of the raw/ path>`, `<TAB>code<TAB><sha256 of the code's listing>`),
# then one line per entry of raw/, `<name><TAB><sha256 of its signed lstat>`, in byte order. The build compares it
# with the list of its last complete build to know which sources changed (store/changes.ts). The signature is the
# sha256 of that file; both are rewritten only when it changed, the list first.
set -eu -o pipefail
export LC_ALL=C
sig=$1
entries=${sig%.sig}.entries
here=$(dirname "$0")
mkdir -p "$(dirname "$sig")"
parts=$(nproc 2>/dev/null || echo 1)
if [ "$parts" -gt 4 ]; then parts=4; fi
tmp=$(mktemp -d "$sig.parts.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
pids=()
for ((k = 0; k < parts; k++)); do
  perl "$here/input-signature.pl" "$RAW_DIR" "$k" "$parts" >"$tmp/$k" &
  pids+=($!)
done
releases=()
if [ -e out/releases/index.json ]; then releases=(out/releases/index.json); fi
code=$(find schemas data package.json package-lock.json "${releases[@]}" \
    pipeline -path pipeline/cli -prune -o -path pipeline/bench -prune -o -path pipeline/publish -prune -o \
    -printf '%p\t%y\t%s\t%T@\t%C@\t%i\n' | sort | sha256sum)
# a part that failed (raw/ missing or unreadable) has said why on stderr: the signature is not written
for pid in "${pids[@]}"; do wait "$pid"; done
{
  printf '\traw\t%s\n' "$(printf '%s' "$RAW_DIR" | sha256sum | cut -d' ' -f1)"
  printf '\tcode\t%s\n' "${code%% *}"
  sort -m "$tmp"/[0-9]*
} >"$tmp/entries"
new=$(sha256sum <"$tmp/entries")
if [ ! -e "$entries" ] || ! cmp -s "$tmp/entries" "$entries"; then mv -f "$tmp/entries" "$entries"; fi
if [ ! -e "$sig" ] || [ "$(cat "$sig")" != "$new" ]; then printf '%s\n' "$new" >"$sig.new" && mv -f "$sig.new" "$sig"; fi
