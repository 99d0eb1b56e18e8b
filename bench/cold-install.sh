#!/usr/bin/env bash
# Figure: cold install + build. Times `npm ci` in a fresh `git clone` of this repository under
# /tmp, then `npm run build` (the dashboard, vite) in that clone. Baseline in the same run and
# with the same cache: `npm install` of bare graphql-yoga + graphql (the lockfile's versions) into
# an empty directory.
#
# Run by hand only (`bash bench/cold-install.sh`); no test or `npm run bench` runs it.
# Caveats, printed again below:
#   - npm uses its cache (~/.npm/_cacache): packages already cached are not downloaded, so this
#     is "fresh node_modules", not "fresh machine". For a truly cold figure, pass --empty-cache
#     (uses a throw-away cache dir: every package is fetched from the registry).
#   - `npm ci` includes the postinstall step (`prisma generate`, both clients).
#   - The clone holds the committed HEAD only: uncommitted or untracked work is not measured.
#   - It needs the npm registry (network), unless every package is in the cache.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
empty_cache=0
for arg in "$@"; do
  case "$arg" in
    --empty-cache) empty_cache=1 ;;
    -h | --help)
      sed -n '2,14p' "$0"
      exit 0
      ;;
    *)
      echo "unknown argument: $arg" >&2
      exit 2
      ;;
  esac
done

work="$(mktemp -d /tmp/baton-cold-install.XXXXXX)"
trap 'rm -rf "$work"' EXIT

now_ms() { date +%s%3N; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", (b - a) / 1000 }'; }
ratio() { awk -v a="$1" -v b="$2" -v base="$3" 'BEGIN { printf "%.1fx", (b - a) / base }'; }

echo "cold-install: npm ci + npm run build in a fresh clone"
echo "  node $(node --version), npm $(npm --version), $(nproc) cores"
echo "  clone of $(git -C "$repo" rev-parse --short HEAD) (committed HEAD only) in $work/baton"
npm_env=()
if [[ $empty_cache == 1 ]]; then
  npm_env=(env "npm_config_cache=$work/npm-cache")
  echo "  npm cache: empty, throw-away ($work/npm-cache): all packages are downloaded"
else
  echo "  CAVEAT: uses the existing npm cache ($(npm config get cache)): cached packages are not downloaded,"
  echo "          so this is a fresh node_modules, not a fresh machine (pass --empty-cache for that)"
fi
echo

git clone --quiet "$repo" "$work/baton"
lock_version() { node -p "require('$work/baton/package-lock.json').packages['node_modules/$1'].version"; }
yoga="graphql-yoga@$(lock_version graphql-yoga)"
graphql="graphql@$(lock_version graphql)"

echo "baseline: npm install $yoga $graphql (empty dir)"
mkdir "$work/bare" && cd "$work/bare" && echo '{"name":"bare","private":true}' >package.json
b0=$(now_ms)
"${npm_env[@]}" npm install --no-audit --no-fund --loglevel=error "$yoga" "$graphql"
b1=$(now_ms)

echo "npm ci (Baton clone)"
cd "$work/baton"
t0=$(now_ms)
"${npm_env[@]}" npm ci --no-audit --no-fund --loglevel=error
t1=$(now_ms)
echo "npm run build (Baton clone)"
build_ok=1
npm run build --silent >/dev/null || build_ok=0
t2=$(now_ms)

base=$((b1 - b0))
echo
printf '%-44s %8s %12s\n' "step" "seconds" "vs baseline"
printf '%-44s %8s %12s\n' "--------------------------------------------" "--------" "------------"
printf '%-44s %8s %12s\n' "baseline: npm install graphql-yoga graphql" "$(secs "$b0" "$b1")" "1.0x"
printf '%-44s %8s %12s\n' "npm ci (incl. postinstall prisma generate)" "$(secs "$t0" "$t1")" "$(ratio "$t0" "$t1" "$base")"
if [[ $build_ok == 1 ]]; then build_secs="$(secs "$t1" "$t2")"; else build_secs="FAILED"; fi
printf '%-44s %8s %12s\n' "npm run build (dashboard, vite)" "$build_secs" "-"
[[ $build_ok == 1 ]]
