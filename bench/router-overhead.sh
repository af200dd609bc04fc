#!/usr/bin/env bash
# Router overhead: requests/s and latency through the router to an edge node vs to the same edge node
# directly, measured side by side in one run with Debian's `hey` (32 connections, OIP v2 HTTP/JSON, one
# confident test image so the edge answers and the cloud is not asked; the simulated device is given
# unlimited capacity so that it never throttles: this measures the software, not the simulation).
# Prints both and their ratio.
# Usage: bench/router-overhead.sh [requests-per-run]   (needs: apt-get install -y hey)
set -euo pipefail
cd "$(dirname "$0")/.."
requests=${1:-20000}
command -v hey >/dev/null || { echo "hey is not installed: apt-get install -y hey" >&2; exit 2; }

work=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

echo "== building (Release)"
dotnet build src/Store -c Release -v q -nologo >/dev/null
dotnet build src/EdgeInference -c Release -v q -nologo >/dev/null
dotnet build src/CloudInference -c Release -v q -nologo >/dev/null
dotnet build src/Router -c Release -v q -nologo >/dev/null

root=$(pwd)
models=$root/models
export ASPNETCORE_ENVIRONMENT=Production DOTNET_gcServer=0 Logging__LogLevel__Default=Warning
GARNET_PORT=7390 dotnet src/Store/bin/Release/net10.0/Store.dll >"$work/store.log" 2>&1 & pids+=($!)
store=ConnectionStrings__store=127.0.0.1:7390
env $store ModelRepository__Path="$models" Edge__DeviceId=edge-1 Edge__Site=site-1 Edge__Device__CapacityImagesPerSecond=10000000 \
  Kestrel__Endpoints__http__Url=http://127.0.0.1:7391 Kestrel__Endpoints__grpc__Url=http://127.0.0.1:7392 \
  dotnet exec --runtimeconfig src/EdgeInference/bin/Release/net10.0/EdgeInference.runtimeconfig.json src/EdgeInference/bin/Release/net10.0/EdgeInference.dll --contentRoot "$root"/src/EdgeInference/bin/Release/net10.0 >"$work/edge.log" 2>&1 & pids+=($!)
env $store ModelRepository__Path="$models" \
  Kestrel__Endpoints__http__Url=http://127.0.0.1:7393 Kestrel__Endpoints__grpc__Url=http://127.0.0.1:7394 \
  dotnet exec --runtimeconfig src/CloudInference/bin/Release/net10.0/CloudInference.runtimeconfig.json src/CloudInference/bin/Release/net10.0/CloudInference.dll --contentRoot "$root"/src/CloudInference/bin/Release/net10.0 >"$work/cloud.log" 2>&1 & pids+=($!)
env $store Edges__Nodes__0=edge-1 Edges__Addresses__edge-1=http://127.0.0.1:7391 Edges__Http2Addresses__edge-1=http://127.0.0.1:7392 Cloud__Address=http://127.0.0.1:7393 \
  PredictionLog__SpoolDirectory="$work/spool" \
  Kestrel__Endpoints__http__Url=http://127.0.0.1:7395 Kestrel__Endpoints__grpc__Url=http://127.0.0.1:7396 \
  dotnet exec --runtimeconfig src/Router/bin/Release/net10.0/Router.runtimeconfig.json src/Router/bin/Release/net10.0/Router.dll --contentRoot "$root"/src/Router/bin/Release/net10.0 >"$work/router.log" 2>&1 & pids+=($!)

for url in http://127.0.0.1:7391/v2/health/ready http://127.0.0.1:7393/v2/health/ready http://127.0.0.1:7395/v2/health/ready; do
  for _ in $(seq 1 120); do curl -sf "$url" >/dev/null && break; sleep 0.5; done
  curl -sf "$url" >/dev/null || { echo "not ready: $url" >&2; for f in "$work"/*.log; do echo "== $f" >&2; tail -n 20 "$f" >&2; done; exit 1; }
done

# One test image the edge is sure of (confidence 0.87 > threshold 0.83): the router answers from the edge.
python3 - "$work/image.json" <<'PY'
import gzip, json, sys
b = gzip.open('data/fashion-mnist/t10k-images-idx3-ubyte.gz').read()[16:16 + 784]
json.dump({"inputs": [{"name": "input", "shape": [1, 784], "datatype": "FP32", "data": [x / 255 for x in b]}]}, open(sys.argv[1], "w"))
PY
tier=$(curl -s -D - -o /dev/null -H 'content-type: application/json' -d @"$work/image.json" http://127.0.0.1:7395/v2/models/fashion/infer | tr -d '\r' | awk -F': ' 'tolower($1)=="x-hi-tier"{print $2}')
[ "$tier" = "edge" ] || { echo "expected the router to answer from the edge, got tier '$tier'" >&2; exit 1; }

run() { # name url -> prints "name rps p50 p99"
  hey -n 2000 -c 32 -m POST -T application/json -D "$work/image.json" "$2" >/dev/null   # warm-up
  hey -n "$requests" -c 32 -m POST -T application/json -D "$work/image.json" "$2" >"$work/$1.txt"
  local rps p50 p99 errors
  rps=$(awk '/Requests\/sec/{print $2}' "$work/$1.txt")
  p50=$(awk '/ 50% in /{print $3*1000}' "$work/$1.txt")
  p99=$(awk '/ 99% in /{print $3*1000}' "$work/$1.txt")
  errors=$(awk '/Status code distribution/{f=1;next} f&&/\[/{if ($1!="[200]") e+=$2} END{print e+0}' "$work/$1.txt")
  echo "$1 $rps $p50 $p99 $errors"
}

echo "== $requests requests per run, 32 connections, one image per request"
direct=$(run edge-direct http://127.0.0.1:7391/v2/models/fashion-edge/infer)
routed=$(run via-router http://127.0.0.1:7395/v2/models/fashion/infer)
printf "%-12s %10s %10s %10s %8s\n" path "req/s" "p50 ms" "p99 ms" errors
printf "%-12s %10.0f %10.2f %10.2f %8d\n" $direct
printf "%-12s %10.0f %10.2f %10.2f %8d\n" $routed
read -r _ drps dp50 dp99 _ <<<"$direct"
read -r _ rrps rp50 rp99 _ <<<"$routed"
awk -v d="$drps" -v r="$rrps" -v dp50="$dp50" -v rp50="$rp50" -v dp99="$dp99" -v rp99="$rp99" 'BEGIN{
  printf "ratio router/direct req/s: %.2f (goal >= 0.6); added p50 %.2f ms, added p99 %.2f ms\n", r/d, rp50-dp50, rp99-dp99 }'
