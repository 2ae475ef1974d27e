#!/usr/bin/env bash
# Times Deploy's Clone component against the git CLI on a generated repository, over file:// and ssh://:
# a full clone, a --depth 1 clone, and an update after 10 new upstream commits. One run of each, in one go.
#
#   bench/git/run.sh [COMMITS [FILES]]      defaults: 2000 commits, 20000 files
#
# Needs: dotnet, git, perl, and openssh-server + openssh-client (sshd is started here on a free port of
# 127.0.0.1, with its own config and keys, and stopped at the end). The generated repository is kept in
# $BENCH_DIR (default /tmp/deploy-git-bench) and reused by later runs with the same size.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"

commits=${1:-2000}
files=${2:-20000}
dir=${BENCH_DIR:-/tmp/deploy-git-bench}
upstream="$dir/upstream-$commits-$files.git"
mkdir -p "$dir"

for tool in dotnet git perl ssh ssh-keygen; do
  command -v "$tool" >/dev/null || { echo "error: $tool is not installed." >&2; exit 1; }
done
sshd=$(command -v sshd || echo /usr/sbin/sshd)
[[ -x $sshd ]] || { echo "error: sshd is not installed (apt-get install openssh-server)." >&2; exit 1; }

if [[ ! -d $upstream ]]; then
  echo "Generating $upstream: $commits commits, $files files…"
  git init --quiet --bare --initial-branch main "$upstream.tmp"
  perl generate.pl new "$commits" "$files" | git -C "$upstream.tmp" fast-import --quiet
  git -C "$upstream.tmp" repack -adq
  git -C "$upstream.tmp" rev-parse main > "$upstream.tmp/generated-tip"
  mv "$upstream.tmp" "$upstream"
fi
# Earlier runs appended commits: start from the generated history again.
git -C "$upstream" update-ref refs/heads/main "$(cat "$upstream/generated-tip")"
echo "Repository: $(git -C "$upstream" rev-list --count main) commits, $(git -C "$upstream" ls-tree -r main | wc -l) files, $(du -sh "$upstream/objects" | cut -f1) of objects"

echo "Building the bench build (Release)…"
dotnet build Deploy.Git.Bench -c Release -nologo -v quiet -o "$dir/bin" >/dev/null
deploy=("dotnet" "$dir/bin/Deploy.Git.Bench.dll")

# sshd, as the tests run it: own host key, authorized key and config, foreground, a free port.
ssh_dir="$dir/ssh"
rm -rf "$ssh_dir" && mkdir -p "$ssh_dir"
for key in host client; do ssh-keygen -q -t ed25519 -N '' -f "$ssh_dir/$key"; done
cp "$ssh_dir/client.pub" "$ssh_dir/authorized_keys"
port=$(perl -MIO::Socket::INET -e 'print IO::Socket::INET->new(Listen => 1, LocalAddr => "127.0.0.1:0")->sockport')
echo "[127.0.0.1]:$port $(cat "$ssh_dir/host.pub")" > "$ssh_dir/known_hosts"
cat > "$ssh_dir/sshd_config" <<EOF
Port $port
ListenAddress 127.0.0.1
HostKey $ssh_dir/host
AuthorizedKeysFile $ssh_dir/authorized_keys
PidFile $ssh_dir/sshd.pid
StrictModes no
UsePAM no
PasswordAuthentication no
KbdInteractiveAuthentication no
PermitRootLogin prohibit-password
EOF
[[ $(id -u) -eq 0 ]] && mkdir -p /run/sshd
"$sshd" -D -e -f "$ssh_dir/sshd_config" 2>"$ssh_dir/sshd.log" &
sshd_pid=$!
trap 'kill $sshd_pid 2>/dev/null || true' EXIT
for _ in $(seq 1 200); do
  (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break
  sleep 0.05
done
export GIT_SSH_COMMAND_FOR_GIT="ssh -i $ssh_dir/client -o IdentitiesOnly=yes -o UserKnownHostsFile=$ssh_dir/known_hosts -o StrictHostKeyChecking=yes -o BatchMode=yes -o LogLevel=ERROR"

root="$dir/root"
mkdir -p "$root/.nuke"
results=()

# seconds COMMAND...: runs it with its output to a log, prints the wall time in seconds.
seconds() {
  local start end
  start=$(date +%s.%N)
  "$@" >>"$dir/bench.log" 2>&1 || { echo "error: '$*' failed; see $dir/bench.log" >&2; exit 1; }
  end=$(date +%s.%N)
  awk -v s="$start" -v e="$end" 'BEGIN { printf "%.2f", e - s }'
}

git_cli() { GIT_SSH_COMMAND="$GIT_SSH_COMMAND_FOR_GIT" git "$@"; }
clone() { "${deploy[@]}" --root "$root" --verbosity minimal --repository "$1" --workspace "$2" --depth "$3" \
  --ssh-key "$ssh_dir/client" --ssh-known-hosts "$ssh_dir/known_hosts"; }

append_commits() {
  local start
  start=$(git -C "$upstream" rev-list --count main)
  perl generate.pl append 10 "$start" | git -C "$upstream" fast-import --quiet
}

record() { # name git deploy
  local ratio
  ratio=$(awk -v g="$2" -v d="$3" 'BEGIN { printf "%.2f", d / g }')
  results+=("| $1 | $2 | $3 | $ratio |")
  printf '%-34s git %6s s   Deploy %6s s   %s×\n' "$1" "$2" "$3" "$ratio"
}

for transport in file ssh; do
  if [[ $transport == file ]]; then url="file://$upstream"; else url="ssh://$(id -un)@127.0.0.1:$port$upstream"; fi
  ws="$dir/ws-$transport"
  rm -rf "$ws" && mkdir -p "$ws"

  g=$(seconds git_cli clone --quiet "$url" "$ws/git-full")
  d=$(seconds clone "$url" "$ws/deploy-full" 0)
  record "full clone, $transport://" "$g" "$d"

  g=$(seconds git_cli clone --quiet --depth 1 "$url" "$ws/git-shallow")
  d=$(seconds clone "$url" "$ws/deploy-shallow" 1)
  record "--depth 1 clone, $transport://" "$g" "$d"

  append_commits
  g=$(seconds git_cli -C "$ws/git-full" -c advice.detachedHead=false fetch --quiet origin main)
  g2=$(seconds git_cli -C "$ws/git-full" reset --quiet --hard FETCH_HEAD)
  g=$(awk -v a="$g" -v b="$g2" 'BEGIN { printf "%.2f", a + b }')
  d=$(seconds clone "$url" "$ws/deploy-full" 0)
  record "update after 10 commits, $transport://" "$g" "$d"
  [[ $(git -C "$ws/git-full" rev-parse HEAD) == $(git -C "$ws/deploy-full" rev-parse HEAD) ]] || { echo "error: the two updates differ" >&2; exit 1; }
done

echo
echo "| step | git (s) | Deploy (s) | Deploy / git |"
echo "|---|---|---|---|"
printf '%s\n' "${results[@]}"
echo
echo "$(nproc) cores; load average $(cut -d' ' -f1-3 /proc/loadavg); git $(git --version | cut -d' ' -f3); LibGit2Sharp 0.32.0"
